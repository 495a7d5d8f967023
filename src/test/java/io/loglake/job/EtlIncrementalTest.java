package io.loglake.job;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.info;
import static io.loglake.testing.LogFixtures.warn;
import static io.loglake.testing.LogFixtures.zipFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.catalog.RawLogs;
import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.config.EtlConfigBuilder;
import io.loglake.config.TableFormat;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProgressListener;
import io.loglake.testing.IcebergRows;
import io.loglake.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code loglake etl --incremental} end to end on local files: each test writes raw objects, runs
 * the job, and checks what was read against the objects it wrote. Late objects here carry events of
 * hours no earlier object had, so the check does not depend on how the write step merges.
 */
@ExtendWith(SparkTestSession.class)
class EtlIncrementalTest {
  @TempDir Path dir;

  private Path raw() {
    return dir.resolve("raw");
  }

  private Path state() {
    return dir.resolve("_loglake_state");
  }

  private EtlConfig config(String curated) {
    return EtlConfig.builder()
        .rawPath(raw().toString())
        .curatedPath(curated)
        .noRegister()
        .incremental(true)
        .build();
  }

  private RunReport run(SparkSession spark) {
    return EtlJob.run(spark, config(dir.resolve("curated").toString()));
  }

  private List<String> curatedRows(SparkSession spark) {
    return spark
        .read()
        .parquet(dir.resolve("curated").toString())
        .selectExpr("concat_ws('|', cast(dt as string), hr, level, service, timestamp) as row")
        .orderBy("row")
        .as(Encoders.STRING())
        .collectAsList();
  }

  private List<String> stateFolder() throws IOException {
    if (!Files.exists(state())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(state())) {
      // The run history has its own folder there (RunHistoryTest).
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.equals(RunHistory.FOLDER))
          .sorted()
          .toList();
    }
  }

  private List<Path> curatedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("curated"))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void aSecondRunWithNothingNewReadsNothingAndChangesNothing(SparkSession spark)
      throws IOException {
    gzipFile(
        raw().resolve("2025/11/09/10/a.gz"),
        error("2025-11-09T10:00:00Z", "a"),
        info("2025-11-09T10:01:00Z", "a"));
    gzipFile(raw().resolve("2025/11/09/11/b.gz"), warn("2025-11-09T11:00:00Z", "b"));

    RunReport first = run(spark);
    assertThat(first.filesRead()).isEqualTo(2);
    assertThat(first.recordsWritten()).isEqualTo(2);
    assertThat(first.incremental().checkpointRead()).isNull();
    assertThat(first.incremental().checkpointWritten())
        .isEqualTo("checkpoint-00000000000000000001.json");
    List<String> rows = curatedRows(spark);
    List<Path> files = curatedFiles();
    List<String> checkpoints = stateFolder();

    RunReport second = run(spark);

    assertThat(second.filesRead()).isZero();
    assertThat(second.recordsRead()).isZero();
    assertThat(second.incremental().filesAlreadyProcessed()).isEqualTo(2);
    assertThat(second.incremental().checkpointRead())
        .isEqualTo("checkpoint-00000000000000000001.json");
    assertThat(second.incremental().checkpointWritten()).isNull();
    assertThat(second.incremental().listedFrom()).isEqualTo("2025-11-09T08:00:00Z");
    assertThat(second.warnings()).singleElement().asString().contains("earlier run");
    assertThat(second.toJson()).contains("\"incremental\"", "\"files_already_processed\" : 2");
    assertThat(curatedRows(spark)).isEqualTo(rows);
    assertThat(curatedFiles()).isEqualTo(files);
    assertThat(stateFolder()).isEqualTo(checkpoints);
  }

  @Test
  void aLateObjectInAnOlderHourWithinTheLookbackIsPickedUpOnce(SparkSession spark) {
    gzipFile(raw().resolve("2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    gzipFile(raw().resolve("2025/11/09/12/b.gz"), error("2025-11-09T12:00:00Z", "b"));
    run(spark);

    gzipFile(
        raw().resolve("2025/11/09/10/late.gz"),
        error("2025-11-09T09:10:00Z", "late"),
        warn("2025-11-09T09:20:00Z", "late"));
    RunReport late = run(spark);

    assertThat(late.filesRead()).isEqualTo(1);
    assertThat(late.recordsWritten()).isEqualTo(2);
    assertThat(late.partitionsWritten()).containsExactly("dt=2025-11-09/hr=9");
    assertThat(curatedRows(spark)).hasSize(4);
    assertThat(run(spark).filesRead()).isZero();
  }

  @Test
  void anUnreadableObjectIsReadAgainByTheNextRun(SparkSession spark) throws IOException {
    gzipFile(raw().resolve("2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    Path broken = raw().resolve("2025/11/09/10/broken.gz");
    zipFile(broken, error("2025-11-09T08:00:00Z", "in-a-zip"));

    RunReport first = run(spark);
    assertThat(first.unreadableFiles())
        .singleElement()
        .satisfies(f -> assertThat(f.path()).endsWith("broken.gz"));
    assertThat(first.incremental().filesNotMarkedProcessed()).isEqualTo(1);

    RunReport again = run(spark);
    assertThat(again.filesRead()).isEqualTo(1);
    assertThat(again.unreadableFiles())
        .singleElement()
        .satisfies(f -> assertThat(f.path()).endsWith("broken.gz"));

    // The store recovers: the object is whole now, and is read.
    Files.delete(broken);
    gzipFile(broken, error("2025-11-09T08:00:00Z", "in-a-zip"));
    RunReport recovered = run(spark);
    assertThat(recovered.filesRead()).isEqualTo(1);
    assertThat(recovered.unreadableFiles()).isEmpty();
    assertThat(recovered.recordsWritten()).isEqualTo(1);
    assertThat(curatedRows(spark)).hasSize(2);
    assertThat(run(spark).filesRead()).isZero();
  }

  @Test
  void aFailedRunWritesNoCheckpoint(SparkSession spark) throws IOException {
    gzipFile(raw().resolve("2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    Path notAFolder = dir.resolve("curated");
    Files.writeString(notAFolder, "a file where the curated folder should be");

    assertThatThrownBy(() -> run(spark)).isInstanceOf(Exception.class);
    assertThat(stateFolder()).isEmpty();

    Files.delete(notAFolder);
    RunReport retried = run(spark);
    assertThat(retried.filesRead()).isEqualTo(1);
    assertThat(retried.incremental().checkpointRead()).isNull();
  }

  @Test
  void theStateFolderHoldsOnlyWholeCheckpoints(SparkSession spark) throws IOException {
    for (int hour = 10; hour < 15; hour++) {
      gzipFile(
          raw().resolve("2025/11/09/" + hour + "/o.gz"),
          error("2025-11-09T" + hour + ":00:00Z", "s"));
      run(spark);
    }

    assertThat(stateFolder())
        .containsExactly(
            "checkpoint-00000000000000000003.json",
            "checkpoint-00000000000000000004.json",
            "checkpoint-00000000000000000005.json");
    for (String name : stateFolder()) {
      JsonNode checkpoint = new ObjectMapper().readTree(state().resolve(name).toFile());
      assertThat(checkpoint.path("complete").asBoolean()).as(name).isTrue();
    }
    JsonNode newest =
        new ObjectMapper()
            .readTree(state().resolve("checkpoint-00000000000000000005.json").toFile());
    assertThat(newest.path("newest_hour").asText()).isEqualTo("2025-11-09T14:00:00Z");
    // Hours 11 to 14 are inside the next window (14 - 3 h); hour 10 cannot be listed again.
    assertThat(newest.path("processed").size()).isEqualTo(4);
    try (Stream<Path> reports = Files.list(state().resolve(RunHistory.FOLDER))) {
      assertThat(reports.count()).as("one report per run in the run history").isEqualTo(5);
    }
  }

  /**
   * Issue 10, incremental correctness, both formats: three arrival hours of generated logs (late
   * events, resent duplicates) land one hour at a time, plus an object of the previous hour sent
   * again under a new name; {@code etl --incremental} runs after each. The table then holds exactly
   * the rows computed from the .gz files with plain Java + Jackson, which one full run over the
   * whole raw zone writes too; a further run with nothing new changes nothing (iceberg: no new
   * snapshot; parquet: the same files). Iceberg is read back with IcebergGenerics, parquet with
   * Spark's plain Parquet reader.
   */
  @ParameterizedTest
  @EnumSource(TableFormat.class)
  void stepsOfArrivingDataProcessedAfterEachEqualOneFullRun(TableFormat format, SparkSession spark)
      throws IOException {
    Path staging = dir.resolve("staging");
    LogGenerator generator =
        new LogGenerator(
            13,
            new EventSchedule(Instant.parse("2025-11-09T10:00:00Z"), Duration.ofHours(3), 4000));
    LogProducer.produce(
        new FaultInjector(generator, new FaultInjector.Faults(0.05, 0.05, 0), 13),
        LocalRawZoneSink.forGeneratedData(staging, generator.runSeed()),
        ProgressListener.NONE);
    String suffix = format.text() + "_" + UUID.randomUUID().toString().substring(0, 8);
    TableName stepTable = new TableName("loglake_incremental_test", "steps_" + suffix);
    TableName fullTable = new TableName("loglake_incremental_test", "full_" + suffix);
    String stepCurated = dir.resolve("curated").toString();
    String fullCurated = dir.resolve("full").toString();
    EtlConfigBuilder steps =
        EtlConfig.builder()
            .rawPath(raw().toString())
            .curatedPath(stepCurated)
            .format(format)
            .incremental(true);
    EtlConfig incremental =
        (format == TableFormat.ICEBERG ? steps.curatedTable(stepTable) : steps.noRegister())
            .build();

    for (int hour = 10; hour <= 12; hour++) {
      Path from = staging.resolve("2025/11/09/" + hour);
      Path to = raw().resolve("2025/11/09/" + hour);
      copyFolder(from, to);
      if (hour > 10) {
        // A retried delivery: an object of the previous hour again, under a new name.
        Path previous = staging.resolve("2025/11/09/" + (hour - 1));
        try (Stream<Path> files = Files.list(previous)) {
          Path resent = files.sorted().findFirst().orElseThrow();
          Files.copy(resent, to.resolve("resent-" + resent.getFileName()));
        }
      }
      RunReport step = EtlJob.run(spark, incremental);
      assertThat(step.filesRead()).as("hour %d", hour).isPositive();
    }

    List<RawLogs.Raw> records = RawLogs.read(raw());
    Map<String, Long> expected = RawLogs.expectedCuratedRows(records);
    // Only a test if late events and resent copies cross the steps.
    assertThat(records.stream().filter(r -> r.hour() < 10).count()).isPositive();
    assertThat(records.stream().map(RawLogs.Raw::eventId).distinct().count())
        .isLessThan(records.size());
    EtlConfigBuilder full =
        EtlConfig.builder().rawPath(raw().toString()).curatedPath(fullCurated).format(format);
    EtlJob.run(
        spark,
        (format == TableFormat.ICEBERG ? full.curatedTable(fullTable) : full.noRegister()).build());

    Map<String, Long> stepped = tableRows(spark, format, stepTable, stepCurated);
    assertThat(stepped).isEqualTo(expected);
    assertThat(tableRows(spark, format, fullTable, fullCurated)).isEqualTo(stepped);

    int snapshots =
        format == TableFormat.ICEBERG ? snapshots(IcebergRows.load(spark, stepTable)) : 0;
    List<Path> files = curatedFiles();
    RunReport nothingNew = EtlJob.run(spark, incremental);
    assertThat(nothingNew.filesRead()).isZero();
    assertThat(nothingNew.recordsWritten()).isZero();
    assertThat(tableRows(spark, format, stepTable, stepCurated)).isEqualTo(expected);
    assertThat(curatedFiles()).isEqualTo(files);
    if (format == TableFormat.ICEBERG) {
      // One append per step (the automatic compaction after a step adds its own rewrites).
      assertThat(appends(IcebergRows.load(spark, stepTable))).isEqualTo(3);
      assertThat(snapshots(IcebergRows.load(spark, stepTable))).isEqualTo(snapshots);
    }
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  private static long appends(Table table) {
    long count = 0;
    for (Snapshot snapshot : table.snapshots()) {
      if (DataOperations.APPEND.equals(snapshot.operation())) {
        count++;
      }
    }
    return count;
  }

  private static int snapshots(Table table) {
    int count = 0;
    for (Snapshot ignored : table.snapshots()) {
      count++;
    }
    return count;
  }

  /** Every row as dt|hr|fields with its count: Iceberg's own reader, or plain Parquet files. */
  private static Map<String, Long> tableRows(
      SparkSession spark, TableFormat format, TableName table, String curated) {
    Map<String, Long> counts = new HashMap<>();
    if (format == TableFormat.ICEBERG) {
      return IcebergRows.counts(IcebergRows.load(spark, table));
    }
    spark
        .read()
        .parquet(curated)
        .selectExpr(
            "concat_ws('|', cast(dt as string), cast(hr as string), timestamp, level, service,"
                + " message, user_id, ip, event_id) as row")
        .as(Encoders.STRING())
        .collectAsList()
        .forEach(row -> counts.merge(row, 1L, Long::sum));
    return counts;
  }
}
