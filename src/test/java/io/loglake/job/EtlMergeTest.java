package io.loglake.job;

import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.RawLogs;
import io.loglake.config.EtlConfig;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProgressListener;
import io.loglake.testing.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 items 2 and 3: a run merges its rows into the curated table (never replaces a
 * partition), and skips the records the table already holds within the dedupe window. Expected
 * contents are computed from the raw .gz files with plain Java and Jackson ({@link RawLogs}).
 */
@ExtendWith(SparkTestSession.class)
class EtlMergeTest {
  private static final String[] HOURS = {"2025/11/09/10", "2025/11/09/11", "2025/11/09/12"};

  @TempDir Path dir;

  private Path raw() {
    return dir.resolve("raw");
  }

  private String curated() {
    return dir.resolve("curated").toString();
  }

  private RunReport run(SparkSession spark, Path rawPath, Duration window) {
    return EtlJob.run(
        spark,
        EtlConfig.builder()
            .rawPath(rawPath.toString())
            .curatedPath(curated())
            .noRegister()
            .dedupeWindow(window)
            .build());
  }

  private RunReport run(SparkSession spark, Path rawPath) {
    return run(spark, rawPath, EtlConfig.DEFAULT_DEDUPE_WINDOW_DURATION);
  }

  /** Every curated row as dt|hr|fields, one entry per row (a duplicate shows as a count of 2). */
  private Map<String, Long> curatedRows(SparkSession spark) {
    List<String> rows =
        spark
            .read()
            .parquet(curated())
            .selectExpr(
                "concat_ws('|', cast(dt as string), cast(hr as string), timestamp, level, service,"
                    + " message, user_id, ip, coalesce(event_id, ''))")
            .as(Encoders.STRING())
            .collectAsList();
    Map<String, Long> counts = new HashMap<>();
    rows.forEach(row -> counts.merge(row, 1L, Long::sum));
    return counts;
  }

  private void produceThreeHoursWithLateEventsAndResends() {
    LogGenerator generator =
        new LogGenerator(
            7, new EventSchedule(Instant.parse("2025-11-09T10:00:00Z"), Duration.ofHours(3), 6000));
    LogProducer.produce(
        new FaultInjector(generator, new FaultInjector.Faults(0.05, 0.05, 0), 7),
        LocalRawZoneSink.forGeneratedData(raw(), generator.runSeed()),
        ProgressListener.NONE);
  }

  private static List<String> parquetFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .map(Path::toString)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertCountsAddUp(RunReport report) {
    assertThat(report.recordsRead())
        .isEqualTo(
            report.recordsWritten()
                + report.recordsQuarantined()
                + report.recordsFilteredOut()
                + report.duplicatesRemoved());
  }

  @Test
  void threeHourlyRunsWithLateEventsEqualOneRunOverAllThreeAndARerunAddsNothing(
      SparkSession spark) {
    produceThreeHoursWithLateEventsAndResends();
    List<RawLogs.Raw> records = RawLogs.read(raw());
    Map<String, Long> expected = RawLogs.expectedCuratedRows(records);
    // The scenario only tests something if late events and resends cross the hourly runs.
    assertThat(records.stream().filter(r -> r.hour() < 10).count()).isPositive();
    assertThat(records.stream().map(RawLogs.Raw::eventId).distinct().count())
        .isLessThan(records.size());

    long written = 0;
    for (String hour : HOURS) {
      RunReport report = run(spark, raw().resolve(hour));
      assertCountsAddUp(report);
      written += report.recordsWritten();
    }

    assertThat(curatedRows(spark)).isEqualTo(expected);
    assertThat(written).isEqualTo(expected.size());

    List<String> files = parquetFiles(Path.of(curated()));
    RunReport rerun = run(spark, raw());
    assertThat(rerun.recordsWritten()).isZero();
    assertThat(rerun.partitionsWritten()).isEmpty();
    assertThat(rerun.duplicatesRemoved())
        .isEqualTo(records.stream().filter(RawLogs.Raw::warnOrError).count());
    assertCountsAddUp(rerun);
    assertThat(parquetFiles(Path.of(curated()))).isEqualTo(files);
    assertThat(curatedRows(spark)).isEqualTo(expected);
  }

  @Test
  void rowsAnEarlierRunWroteSurviveALaterRunThatAddsToTheirPartition(SparkSession spark) {
    String a = record("2025-11-09T10:05:00Z", "ERROR", "a", "first", "u1", "ev-a");
    String b = record("2025-11-09T10:10:00Z", "WARN", "b", "second", "u2", "ev-b");
    String late = record("2025-11-09T10:50:00Z", "ERROR", "c", "late", "u3", "ev-c");
    gzipFile(raw().resolve(HOURS[0]).resolve("a.gz"), a, b);
    gzipFile(raw().resolve(HOURS[1]).resolve("b.gz"), late);
    run(spark, raw().resolve(HOURS[0]));
    List<String> firstFiles = parquetFiles(Path.of(curated()));

    RunReport second = run(spark, raw().resolve(HOURS[1]));

    assertThat(second.partitionsWritten()).containsExactly("dt=2025-11-09/hr=10");
    assertThat(parquetFiles(Path.of(curated())))
        .filteredOn(f -> !firstFiles.contains(f))
        .singleElement()
        .satisfies(
            f ->
                assertThat(Path.of(f).getFileName().toString())
                    .startsWith(second.runId() + "-part-"));
    assertThat(second.recordsWritten()).isEqualTo(1);
    assertThat(parquetFiles(Path.of(curated()))).containsAll(firstFiles).hasSize(2);
    assertThat(curatedRows(spark).keySet())
        .extracting(row -> row.split("\\|")[8])
        .containsExactlyInAnyOrder("ev-a", "ev-b", "ev-c");
  }

  @Test
  void aRecordSentAgainIsWrittenOnceWithinTheWindowAndTwiceBeyondIt(SparkSession spark) {
    String withId = record("2025-11-09T10:00:00Z", "ERROR", "a", "m", "u1", "ev-1");
    String farApart = record("2025-11-09T10:00:00Z", "ERROR", "a", "m", "u1", "ev-2");
    String noId = record("2025-11-09T10:20:00Z", "WARN", "b", "no id", "u2", null);
    gzipFile(raw().resolve(HOURS[0]).resolve("a.gz"), withId, farApart, noId);
    // Resent: ev-1 with an event time 5 h later (within 24 h), ev-2 30 h later, noId unchanged.
    gzipFile(
        raw().resolve("2025/11/10/16").resolve("b.gz"),
        record("2025-11-09T15:00:00Z", "ERROR", "a", "m", "u1", "ev-1"),
        record("2025-11-10T16:00:00Z", "ERROR", "a", "m", "u1", "ev-2"),
        noId);
    run(spark, raw().resolve(HOURS[0]));

    RunReport resent = run(spark, raw().resolve("2025/11/10/16"));

    assertThat(resent.recordsWritten()).isEqualTo(1);
    assertThat(resent.duplicatesRemoved()).isEqualTo(2);
    assertThat(resent.partitionsWritten()).containsExactly("dt=2025-11-10/hr=16");
    assertCountsAddUp(resent);
    Map<String, Long> byEventId = new HashMap<>();
    curatedRows(spark)
        .keySet()
        .forEach(row -> byEventId.merge(row.split("\\|", -1)[8], 1L, Long::sum));
    assertThat(byEventId).isEqualTo(Map.of("ev-1", 1L, "ev-2", 2L, "", 1L));
  }

  @Test
  void aWindowOfZeroTurnsCrossRunDedupeOff(SparkSession spark) {
    String line = record("2025-11-09T10:00:00Z", "ERROR", "a", "m", "u1", "ev-1");
    gzipFile(raw().resolve(HOURS[0]).resolve("a.gz"), line, line);
    run(spark, raw(), Duration.ZERO);

    RunReport again = run(spark, raw(), Duration.ZERO);

    assertThat(again.recordsWritten()).isEqualTo(1);
    assertThat(again.duplicatesRemoved()).isEqualTo(1);
    assertThat(spark.read().parquet(curated()).count()).isEqualTo(2);
  }

  @Test
  void aRunThatKeepsNothingWritesNothing(SparkSession spark) {
    gzipFile(
        raw().resolve(HOURS[0]).resolve("a.gz"),
        record("2025-11-09T10:00:00Z", "INFO", "a", "m", "u1", "ev-1"));

    RunReport report = run(spark, raw());

    assertThat(report.recordsWritten()).isZero();
    assertThat(report.recordsFilteredOut()).isEqualTo(1);
    assertThat(Files.exists(Path.of(curated()))).isFalse();
  }
}
