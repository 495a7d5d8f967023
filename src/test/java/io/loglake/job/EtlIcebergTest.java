package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.catalog.RawLogs;
import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.config.TableFormat;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProgressListener;
import io.loglake.testing.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 4, {@code --format iceberg}: hourly runs into an Iceberg table equal one run, a
 * rerun adds nothing, and the table read back through Iceberg's own API (not the job's code, not
 * Spark's reader) holds exactly the rows computed from the raw .gz files with plain Java and
 * Jackson ({@link RawLogs}); one snapshot per run that wrote, format-version 2, spec dt, hr.
 */
@ExtendWith(SparkTestSession.class)
class EtlIcebergTest {
  private static final String[] HOURS = {"2025/11/09/10", "2025/11/09/11", "2025/11/09/12"};

  @TempDir Path dir;

  /** A table of its own per test: the metastore is shared by every test of the JVM. */
  private final TableName table =
      new TableName(
          "loglake_iceberg_test", "curated_" + UUID.randomUUID().toString().substring(0, 8));

  private Path raw() {
    return dir.resolve("raw");
  }

  private String curated() {
    return dir.resolve("curated").toString();
  }

  private RunReport run(SparkSession spark, Path rawPath, TableFormat format) {
    return EtlJob.run(
        spark,
        EtlConfig.builder()
            .rawPath(rawPath.toString())
            .curatedPath(curated())
            .curatedTable(table)
            .format(format)
            .build());
  }

  private Table icebergTable(SparkSession spark) {
    try {
      return Spark3Util.loadIcebergTable(spark, table.toString());
    } catch (Exception e) {
      throw new AssertionError("cannot load " + table + " through Iceberg", e);
    }
  }

  /** Every row as dt|hr|fields, read with IcebergGenerics (Iceberg's reader, no Spark). */
  private static Map<String, Long> icebergRows(Table table) {
    Map<String, Long> counts = new HashMap<>();
    table.refresh();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record r : records) {
        String row =
            String.join(
                "|",
                String.valueOf(r.getField("dt")),
                String.valueOf(r.getField("hr")),
                (String) r.getField("timestamp"),
                (String) r.getField("level"),
                (String) r.getField("service"),
                (String) r.getField("message"),
                (String) r.getField("user_id"),
                (String) r.getField("ip"),
                (String) r.getField("event_id"));
        counts.merge(row, 1L, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  private void produceThreeHoursWithLateEventsAndResends() {
    LogGenerator generator =
        new LogGenerator(
            11,
            new EventSchedule(Instant.parse("2025-11-09T10:00:00Z"), Duration.ofHours(3), 6000));
    LogProducer.produce(
        new FaultInjector(generator, new FaultInjector.Faults(0.05, 0.05, 0), 11),
        LocalRawZoneSink.forGeneratedData(raw(), generator.runSeed()),
        ProgressListener.NONE);
  }

  @Test
  void threeHourlyRunsEqualOneRunRowByRowAndARerunAddsNoSnapshot(SparkSession spark) {
    produceThreeHoursWithLateEventsAndResends();
    List<RawLogs.Raw> records = RawLogs.read(raw());
    Map<String, Long> expected = RawLogs.expectedCuratedRows(records);
    // Only a test if late events and resends cross the hourly runs.
    assertThat(records.stream().filter(r -> r.hour() < 10).count()).isPositive();
    assertThat(records.stream().map(RawLogs.Raw::eventId).distinct().count())
        .isLessThan(records.size());

    long written = 0;
    for (String hour : HOURS) {
      RunReport report = run(spark, raw().resolve(hour), TableFormat.ICEBERG);
      assertThat(report.recordsWritten()).isPositive();
      written += report.recordsWritten();
    }

    Table iceberg = icebergTable(spark);
    assertThat(icebergRows(iceberg)).isEqualTo(expected);
    assertThat(written).isEqualTo(expected.size());
    assertThat(iceberg.snapshots()).hasSize(HOURS.length);
    assertThat(((HasTableOperations) iceberg).operations().current().formatVersion()).isEqualTo(2);
    assertThat(iceberg.spec().fields())
        .extracting(PartitionField::name, f -> f.transform().isIdentity())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dt", true),
            org.assertj.core.groups.Tuple.tuple("hr", true));
    assertThat(new org.apache.hadoop.fs.Path(iceberg.location()).toUri().getPath())
        .isEqualTo(curated());
    assertThat(iceberg.schema().columns())
        .extracting(c -> c.name())
        .containsExactly(
            "timestamp",
            "level",
            "service",
            "message",
            "user_id",
            "ip",
            "ts",
            "event_id",
            "dt",
            "hr");

    RunReport rerun = run(spark, raw(), TableFormat.ICEBERG);
    assertThat(rerun.recordsWritten()).isZero();
    iceberg.refresh();
    assertThat(iceberg.snapshots()).hasSize(HOURS.length);
    assertThat(icebergRows(iceberg)).isEqualTo(expected);
    // The session's catalog reads the same table (what loglake query and the sql/ files use).
    assertThat(spark.table(table.quoted()).count()).isEqualTo(expected.size());
  }

  @Test
  void aRunWhoseFormatDiffersFromTheTablesStopsBeforeWriting(SparkSession spark) {
    produceThreeHoursWithLateEventsAndResends();
    run(spark, raw().resolve(HOURS[0]), TableFormat.ICEBERG);
    Table iceberg = icebergTable(spark);
    Map<String, Long> before = icebergRows(iceberg);

    assertThatThrownBy(() -> run(spark, raw().resolve(HOURS[1]), TableFormat.PARQUET))
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining("exists as an iceberg table")
        .satisfies(e -> assertThat(((LoglakeException) e).hint()).contains("--format iceberg"));

    iceberg.refresh();
    assertThat(iceberg.snapshots()).hasSize(1);
    assertThat(icebergRows(iceberg)).isEqualTo(before);
  }

  @Test
  void anIcebergRunOverAParquetTableStopsBeforeWriting(SparkSession spark) {
    produceThreeHoursWithLateEventsAndResends();
    run(spark, raw().resolve(HOURS[0]), TableFormat.PARQUET);
    long rows = spark.read().parquet(curated()).count();

    assertThatThrownBy(() -> run(spark, raw().resolve(HOURS[1]), TableFormat.ICEBERG))
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining("exists as a parquet table")
        .satisfies(e -> assertThat(((LoglakeException) e).hint()).contains("--format parquet"));
    assertThat(spark.read().parquet(curated()).count()).isEqualTo(rows);
    assertThat(Path.of(curated()).resolve("metadata")).doesNotExist();
  }
}
