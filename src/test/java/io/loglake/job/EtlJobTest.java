package io.loglake.job;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.info;
import static io.loglake.testing.LogFixtures.record;
import static io.loglake.testing.LogFixtures.warn;
import static io.loglake.testing.LogFixtures.zipFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestSession.class)
class EtlJobTest {
  /**
   * Far longer than any of these runs takes; only there so that a hang fails instead of blocking.
   */
  private static final Duration HANG_GUARD = Duration.ofMinutes(2);

  @TempDir Path dir;

  private Path raw() {
    return dir.resolve("raw");
  }

  private String curated() {
    return dir.resolve("curated").toString();
  }

  private EtlConfig config(Set<String> levels) {
    return EtlConfig.builder()
        .rawPath(raw().toString())
        .curatedPath(curated())
        .levels(levels)
        .noRegister()
        .build();
  }

  private RunReport run(SparkSession spark) {
    return EtlJob.run(spark, config(Set.of("WARN", "ERROR")));
  }

  private List<String> curatedRows(SparkSession spark) {
    return spark
        .read()
        .parquet(curated())
        .selectExpr(
            "concat_ws('|', cast(dt as string), hr, level, service, message, user_id, timestamp)")
        .orderBy(
            "concat_ws(|, CAST(dt AS STRING), hr, level, service, message, user_id, timestamp)")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  @Test
  void reportsCountsThatAddUpAndQuarantinesWithReasons(SparkSession spark) throws IOException {
    gzipFile(
        raw().resolve("2025/11/09/10/a.gz"),
        error("2025-11-09T10:00:00Z", "payment-api"),
        warn("2025-11-09T10:30:00Z", "auth-api") + info("2025-11-09T10:31:00Z", "auth-api"),
        error("2025-11-09T10:00:00Z", "payment-api"),
        "not json",
        "{\"level\":\"ERROR\",\"timestamp\":\"nope\"}",
        "{\"timestamp\":\"2025-11-09T10:00:00Z\"}",
        error("2025-11-09T11:15:00+01:00", "order-api"));
    zipFile(raw().resolve("2025/11/09/11/broken.gz"), error("2025-11-09T11:00:00Z", "in-a-zip"));

    RunReport report = run(spark);

    assertThat(report.filesRead()).isEqualTo(2);
    assertThat(report.recordsRead()).isEqualTo(8);
    assertThat(report.recordsWritten()).isEqualTo(3);
    assertThat(report.duplicatesRemoved()).isEqualTo(1);
    assertThat(report.recordsFilteredOut()).isEqualTo(1);
    assertThat(report.recordsQuarantined()).isEqualTo(3);
    assertThat(report.quarantinedByReason())
        .isEqualTo(Map.of("malformed_json", 1L, "bad_timestamp", 1L, "missing_level", 1L));
    assertThat(report.recordsRead())
        .isEqualTo(
            report.recordsWritten()
                + report.recordsQuarantined()
                + report.recordsFilteredOut()
                + report.duplicatesRemoved());
    assertThat(report.partitionsWritten()).containsExactly("dt=2025-11-09/hr=10");
    assertThat(report.unreadableFiles())
        .singleElement()
        .satisfies(f -> assertThat(f.path()).endsWith("broken.gz"))
        .satisfies(f -> assertThat(f.error()).contains("a ZIP archive"));

    List<Row> quarantined =
        spark
            .read()
            .json(report.quarantinePath())
            .select("reason", "raw", "source_file", "run_id")
            .orderBy("reason")
            .collectAsList();
    assertThat(quarantined)
        .extracting(r -> r.getString(0))
        .containsExactly("bad_timestamp", "malformed_json", "missing_level");
    assertThat(quarantined.get(1).getString(1)).isEqualTo("not json");
    assertThat(quarantined)
        .allSatisfy(r -> assertThat(r.getString(2)).endsWith("a.gz"))
        .allSatisfy(r -> assertThat(r.getString(3)).isEqualTo(report.runId()));
    assertThat(report.quarantinePath()).startsWith(dir.resolve("_quarantine").toString());
    assertThat(report.toJson()).contains("\"records_read\" : 8", "\"unreadable_files\"");
  }

  @Test
  void rerunGivesTheSameContentsAndLeavesOtherPartitionsInPlace(SparkSession spark)
      throws IOException {
    gzipFile(
        raw().resolve("2025/11/09/10/a.gz"),
        error("2025-11-09T10:00:00Z", "a"),
        warn("2025-11-09T10:05:00Z", "b"));
    gzipFile(raw().resolve("2025/11/09/11/b.gz"), error("2025-11-09T11:00:00Z", "c"));
    run(spark);
    List<String> first = curatedRows(spark);
    run(spark);
    assertThat(curatedRows(spark)).isEqualTo(first).hasSize(3);
    List<Path> hour10Files = files(Path.of(curated(), "dt=2025-11-09", "hr=10"));

    // A later run over only hour 11 (a new object arrived there) adds to hour 11 and nothing else.
    Files.delete(raw().resolve("2025/11/09/10/a.gz"));
    gzipFile(raw().resolve("2025/11/09/11/c.gz"), error("2025-11-09T11:30:00Z", "d"));
    RunReport report = run(spark);

    assertThat(report.partitionsWritten()).containsExactly("dt=2025-11-09/hr=11");
    assertThat(files(Path.of(curated(), "dt=2025-11-09", "hr=10"))).isEqualTo(hour10Files);
    assertThat(curatedRows(spark))
        .hasSize(4)
        .filteredOn(r -> r.startsWith("2025-11-09|10|"))
        .hasSize(2);
  }

  @Test
  void writesOneFilePerPartitionAndOnlyTheLevelsAsked(SparkSession spark) throws IOException {
    for (int file = 0; file < 6; file++) {
      String[] lines = new String[50];
      for (int i = 0; i < lines.length; i++) {
        String level = i % 3 == 0 ? "ERROR" : i % 3 == 1 ? "WARN" : "INFO";
        lines[i] =
            record(
                String.format("2025-11-09T%02d:%02d:%02dZ", file % 3, i, file),
                level,
                "svc-" + file);
      }
      gzipFile(raw().resolve("2025/11/09/0" + file + "/f" + file + ".gz"), lines);
    }

    RunReport report = EtlJob.run(spark, config(Set.of("ERROR")));

    assertThat(report.partitionsWritten()).hasSize(3);
    for (String partition : report.partitionsWritten()) {
      assertThat(files(Path.of(curated(), partition))).as(partition).hasSize(1);
    }
    assertThat(spark.read().parquet(curated()).selectExpr("level").distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("ERROR");
    assertThat(report.recordsWritten()).isEqualTo(6 * 17);
  }

  /** Item A: a run with nothing to write must finish; the timeout only guards against a hang. */
  @Test
  void aRunThatKeepsNoRecordFinishesWithTheCountsOfWhatItSawAndWritesTheQuarantine(
      SparkSession spark) {
    gzipFile(raw().resolve("2025/11/09/10/a.gz"), info("2025-11-09T10:00:00Z", "auth-api"));

    RunReport onlyInfo = assertTimeoutPreemptively(HANG_GUARD, () -> run(spark));

    assertThat(onlyInfo.recordsRead()).isEqualTo(1);
    assertThat(onlyInfo.recordsFilteredOut()).isEqualTo(1);
    assertThat(onlyInfo.recordsWritten()).isZero();
    assertThat(onlyInfo.partitionsWritten()).isEmpty();
    assertThat(onlyInfo.quarantinePath()).isNull();

    gzipFile(
        raw().resolve("2025/11/09/10/a.gz"),
        "not json",
        "{\"timestamp\":\"2025-11-09T10:00:00Z\"}");
    RunReport onlyBad = assertTimeoutPreemptively(HANG_GUARD, () -> run(spark));

    assertThat(onlyBad.recordsRead()).isEqualTo(2);
    assertThat(onlyBad.recordsWritten()).isZero();
    assertThat(onlyBad.recordsQuarantined()).isEqualTo(2);
    assertThat(onlyBad.quarantinedByReason())
        .isEqualTo(Map.of("malformed_json", 1L, "missing_level", 1L));
    assertThat(
            spark
                .read()
                .json(onlyBad.quarantinePath())
                .select("reason")
                .orderBy("reason")
                .collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("malformed_json", "missing_level");
  }

  /**
   * Item 17: --target-file-size is about the files written, as documented. Three hours as the
   * launcher runs them (8 shuffle partitions): two of them share a shuffle partition, which used to
   * split each although every hour's Parquet is under the target.
   */
  @Test
  void partitionsUnderTheTargetFileSizeAreOneFileEachAndOneOverItIsSplit(SparkSession spark)
      throws IOException {
    long target = 1L << 20;
    io.loglake.producer.LogProducer.produceLocal(
        dir.resolve("small"),
        180_000,
        1,
        java.time.Instant.parse("2025-11-09T00:00:00Z"),
        Duration.ofHours(3));
    io.loglake.producer.LogProducer.produceLocal(
        dir.resolve("large"),
        100_000,
        1,
        java.time.Instant.parse("2025-11-09T10:00:00Z"),
        Duration.ofMinutes(59));
    String shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", "8");
    try {
      EtlJob.run(
          spark,
          EtlConfig.builder()
              .rawPath(dir.resolve("small").toString())
              .curatedPath(dir.resolve("c1").toString())
              .levels(Set.of("WARN", "ERROR"))
              .targetFileBytes(target)
              .noRegister()
              .build());
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    }
    EtlJob.run(
        spark,
        EtlConfig.builder()
            .rawPath(dir.resolve("large").toString())
            .curatedPath(dir.resolve("c2").toString())
            .levels(Set.of("INFO", "WARN", "ERROR"))
            .targetFileBytes(target)
            .noRegister()
            .build());

    for (int hour = 0; hour < 3; hour++) {
      List<Path> small = files(dir.resolve("c1/dt=2025-11-09/hr=" + hour));
      assertThat(small).as("hour " + hour).hasSize(1);
      assertThat(Files.size(small.get(0)))
          .as("hour %d is under the target", hour)
          .isLessThan(target);
    }
    List<Path> large = files(dir.resolve("c2/dt=2025-11-09/hr=10"));
    long largeBytes = 0;
    for (Path file : large) {
      largeBytes += Files.size(file);
    }
    assertThat(largeBytes).as("the partition is well over the target").isGreaterThan(3 * target);
    assertThat(large).hasSizeGreaterThan(1);
  }

  @Test
  void anEmptyRawZoneIsAQuietRun(SparkSession spark) throws IOException {
    Files.createDirectories(raw());
    RunReport report = run(spark);

    assertThat(report.recordsRead()).isZero();
    assertThat(report.partitionsWritten()).isEmpty();
  }

  @Test
  void readsTheFilesOfACatalogTableLikeTheRawPath(SparkSession spark) throws IOException {
    gzipFile(raw().resolve("2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"), "not json");
    gzipFile(raw().resolve("2025/11/09/11/b.gz"), warn("2025-11-09T11:00:00Z", "b"));
    spark.sql("CREATE DATABASE IF NOT EXISTS etl_test_db");
    spark.sql("DROP TABLE IF EXISTS etl_test_db.raw_logs");
    spark.sql(
        "CREATE EXTERNAL TABLE etl_test_db.raw_logs (line STRING) PARTITIONED BY (year STRING,"
            + " month STRING, day STRING, hour STRING) STORED AS TEXTFILE LOCATION '"
            + raw().toUri()
            + "'");
    for (String hour : List.of("10", "11")) {
      spark.sql(
          "ALTER TABLE etl_test_db.raw_logs ADD PARTITION (year='2025', month='11', day='09', hour='"
              + hour
              + "') LOCATION '"
              + raw().resolve("2025/11/09/" + hour).toUri()
              + "'");
    }

    RunReport fromTable =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .table(TableName.parse("etl_test_db.raw_logs"))
                .curatedPath(curated())
                .levels(Set.of("WARN", "ERROR"))
                .noRegister()
                .build());
    List<String> rowsFromTable = curatedRows(spark);
    RunReport fromPath = run(spark);

    assertThat(fromTable.source()).isEqualTo("etl_test_db.raw_logs");
    assertThat(fromTable.recordsRead()).isEqualTo(fromPath.recordsRead()).isEqualTo(3);
    assertThat(fromTable.recordsQuarantined()).isEqualTo(1);
    assertThat(curatedRows(spark)).isEqualTo(rowsFromTable).hasSize(2);
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }
}
