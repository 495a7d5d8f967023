package io.loglake.job;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.EtlConfig;
import io.loglake.config.EventTimeRange;
import io.loglake.testing.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Records that once stopped or spoiled a run, through the whole job: quarantined, never fatal. */
@ExtendWith(SparkTestSession.class)
class EtlPoisonRecordsTest {
  @TempDir Path dir;

  private Path raw() {
    return dir.resolve("raw");
  }

  private String curated() {
    return dir.resolve("curated").toString();
  }

  @Test
  void poisonTimestampsAreQuarantinedAndTheRunWritesTheRest(SparkSession spark) throws IOException {
    gzipFile(
        raw().resolve("2025/11/09/10/a.gz"),
        error("0001-01-01T00:00:00Z", "ancient"),
        error("9999-12-31T23:30:00-01:00", "year-10000-in-utc"),
        error("1999-12-31T23:59:59.999999Z", "just-before"),
        error("2000-01-01T00:00:00Z", "first-kept"),
        error("2099-12-31T23:59:59.999999Z", "last-kept"),
        error("2100-01-01T00:00:00Z", "first-after"),
        error("2025-11-09T10:00:00Z", "normal"));

    RunReport report =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .rawPath(raw().toString())
                .curatedPath(curated())
                .levels(Set.of("ERROR"))
                .noRegister()
                .build());

    assertThat(report.recordsWritten()).isEqualTo(3);
    assertThat(report.quarantinedByReason()).isEqualTo(Map.of("timestamp_out_of_range", 4L));
    assertThat(report.partitionsWritten())
        .containsExactlyInAnyOrder(
            "dt=2000-01-01/hr=0", "dt=2025-11-09/hr=10", "dt=2099-12-31/hr=23");
    List<String> services =
        spark
            .read()
            .json(report.quarantinePath())
            .where("reason = 'timestamp_out_of_range'")
            .selectExpr("get_json_object(raw, '$.service')")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(services)
        .containsExactlyInAnyOrder("ancient", "year-10000-in-utc", "just-before", "first-after");
    assertThat(
            spark
                .read()
                .parquet(curated())
                .selectExpr("cast(ts as string)")
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder(
            "2000-01-01 00:00:00", "2025-11-09 10:00:00", "2099-12-31 23:59:59.999999");
  }

  @Test
  void writesTsAsInt64TimestampMicros(SparkSession spark) throws IOException {
    gzipFile(raw().resolve("2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));

    EtlJob.run(
        spark,
        EtlConfig.builder()
            .rawPath(raw().toString())
            .curatedPath(curated())
            .levels(Set.of("ERROR"))
            .noRegister()
            .build());

    Path file = parquetFiles(Path.of(curated())).get(0);
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      PrimitiveType ts =
          reader.getFooter().getFileMetaData().getSchema().getType("ts").asPrimitiveType();
      assertThat(ts.getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
      assertThat(ts.getLogicalTypeAnnotation())
          .isEqualTo(
              LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
    }
    Row row = spark.read().parquet(curated()).selectExpr("cast(ts as string)").first();
    assertThat(row.getString(0)).isEqualTo("2025-11-09 10:00:00");
  }

  @Test
  void aWidenedRangeWritesAncientEventsAndLeavesTheSessionAsItWas(SparkSession spark)
      throws IOException {
    gzipFile(
        raw().resolve("2025/11/09/10/a.gz"),
        error("0001-01-01T00:00:00Z", "ancient"),
        error("1582-10-10T12:00:00Z", "julian-gap"));
    String before = spark.conf().get("spark.sql.parquet.outputTimestampType");

    RunReport report =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .rawPath(raw().toString())
                .curatedPath(curated())
                .levels(Set.of("ERROR"))
                .noRegister()
                .eventTimeRange(EventTimeRange.parse("0001-01-01/2100-01-01"))
                .build());

    assertThat(report.recordsWritten()).isEqualTo(2);
    assertThat(
            spark
                .read()
                .parquet(curated())
                .selectExpr("cast(ts as string)", "cast(dt as string)")
                .orderBy("dt")
                .as(Encoders.tuple(Encoders.STRING(), Encoders.STRING()))
                .collectAsList())
        .extracting(t -> t._1() + " " + t._2())
        .containsExactly("0001-01-01 00:00:00 0001-01-01", "1582-10-10 12:00:00 1582-10-10");
    assertThat(spark.conf().get("spark.sql.parquet.outputTimestampType")).isEqualTo(before);
  }

  @Test
  void theQuarantineKeepsTheBytesOfInvalidUtf8(SparkSession spark) throws IOException {
    byte[] bad =
        "{\"timestamp\":\"2025-11-09T10:00:00Z\",\"level\":\"ERROR\",\"message\":\"caf\u00e9\"}"
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] good = (error("2025-11-09T10:00:00Z", "ok") + "\n").getBytes(StandardCharsets.UTF_8);
    Path file = raw().resolve("2025/11/09/10/a");
    Files.createDirectories(file.getParent());
    Files.write(file, concat(good, bad, "\n".getBytes(StandardCharsets.UTF_8), good));

    RunReport report =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .rawPath(raw().toString())
                .curatedPath(curated())
                .levels(Set.of("ERROR"))
                .noRegister()
                .build());

    assertThat(report.quarantinedByReason()).isEqualTo(Map.of("invalid_utf8", 1L));
    Row row = spark.read().json(report.quarantinePath()).select("raw", "raw_base64").first();
    assertThat(Base64.getDecoder().decode(row.getString(1))).isEqualTo(bad);
    assertThat(row.getString(0)).contains("caf\uFFFD");
    assertThat(spark.read().parquet(curated()).count()).as("the good copy, once").isEqualTo(1);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static List<Path> parquetFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }
}
