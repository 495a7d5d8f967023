package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.catalog.RawLogs;
import io.loglake.catalog.TableName;
import io.loglake.config.CompactionSettings;
import io.loglake.config.EtlConfig;
import io.loglake.config.TableFormat;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProgressListener;
import io.loglake.schema.CuratedPartition;
import io.loglake.testing.IcebergRows;
import io.loglake.testing.SparkTestSession;
import io.loglake.write.ParquetCompactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 6: small files compacted, both formats. The table is built by four etl runs over
 * four disjoint quarters of a raw zone of three hours with late events and resends (so each hour
 * gets several small files); its rows are compared with those computed from the raw .gz files with
 * plain Java and Jackson ({@link RawLogs}), read back with Spark's plain Parquet reader or
 * Iceberg's own ({@link IcebergGenerics}), never through the compaction's code.
 */
@ExtendWith(SparkTestSession.class)
class CompactionTest {
  private static final int BATCHES = 4;

  /** Partitions whose hour ended before 12:00 are old; dt=2025-11-09/hr=12 is not. */
  private static final Instant OLDER_THAN = Instant.parse("2025-11-09T12:00:00Z");

  private static final String YOUNG = "dt=2025-11-09/hr=12";

  private static final String HR10 = "dt=2025-11-09/hr=10";

  private static final String HR11 = "dt=2025-11-09/hr=11";

  /** Its 24 hours before (what an automatic compaction looks at) hold none of the table's. */
  private static final Instant A_DAY_LATER = Instant.parse("2025-11-10T13:00:00Z");

  @TempDir Path dir;

  private final TableName table =
      new TableName("loglake_compact_test", "c_" + UUID.randomUUID().toString().substring(0, 8));

  private Path raw() {
    return dir.resolve("raw");
  }

  private Map<String, Long> produce() {
    LogGenerator generator =
        new LogGenerator(
            7, new EventSchedule(Instant.parse("2025-11-09T10:00:00Z"), Duration.ofHours(3), 6000));
    LogProducer.produce(
        new FaultInjector(generator, new FaultInjector.Faults(0.05, 0.05, 0), 7),
        LocalRawZoneSink.forGeneratedData(raw(), generator.runSeed()),
        ProgressListener.NONE);
    return RawLogs.expectedCuratedRows(RawLogs.read(raw()));
  }

  /** The raw objects, dealt into {@link #BATCHES} raw zones of the same layout. */
  private List<Path> batches() {
    List<Path> roots = new ArrayList<>();
    for (int i = 0; i < BATCHES; i++) {
      roots.add(dir.resolve("batch-" + i));
    }
    List<Path> files = walk(raw()).stream().filter(p -> p.toString().endsWith(".gz")).toList();
    for (int i = 0; i < files.size(); i++) {
      Path target = roots.get(i % BATCHES).resolve(raw().relativize(files.get(i)));
      try {
        Files.createDirectories(target.getParent());
        Files.copy(files.get(i), target);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return roots;
  }

  private static List<Path> walk(Path root) {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private EtlConfig etl(Path rawPath, Path curated, TableFormat format) {
    var builder = EtlConfig.builder().rawPath(rawPath.toString()).curatedPath(curated.toString());
    return (format == TableFormat.ICEBERG ? builder.curatedTable(table) : builder.noRegister())
        .format(format)
        .build();
  }

  /** A parquet table of several small files per partition, built by four etl runs. */
  private Path parquetTable(SparkSession spark) {
    Path curated = dir.resolve("curated");
    for (Path batch : batches()) {
      EtlJob.run(spark, etl(batch, curated, TableFormat.PARQUET));
    }
    return curated;
  }

  private static CompactionSettings parquetSettings(Path curated) {
    return new CompactionSettings(
        curated.toString(),
        null,
        TableFormat.PARQUET,
        null,
        EtlConfig.DEFAULT_TARGET_FILE_BYTES,
        EtlConfig.DEFAULT_SNAPSHOT_RETENTION,
        EtlConfig.DEFAULT_RETAIN_LAST_SNAPSHOTS,
        EtlConfig.DEFAULT_ORPHAN_RETENTION);
  }

  /** Every row as dt|hr|fields with its count, read with Spark's plain Parquet reader. */
  private static Map<String, Long> parquetRows(SparkSession spark, Path curated) {
    List<String> rows =
        spark
            .read()
            .parquet(curated.toString())
            .selectExpr(
                "concat_ws('|', cast(dt as string), cast(hr as string), timestamp, level, service,"
                    + " message, user_id, ip, coalesce(event_id, ''))")
            .as(Encoders.STRING())
            .collectAsList();
    Map<String, Long> counts = new HashMap<>();
    rows.forEach(row -> counts.merge(row, 1L, Long::sum));
    return counts;
  }

  /** The data files of each partition folder (name lists, sorted). */
  private static Map<String, List<String>> parquetFiles(Path curated) {
    Map<String, List<String>> byPartition = new TreeMap<>();
    for (Path file : walk(curated)) {
      String relative = curated.relativize(file).toString();
      if (relative.startsWith("dt=") && relative.endsWith(".parquet")) {
        String partition = curated.relativize(file.getParent()).toString();
        byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(relative);
      }
    }
    return byPartition;
  }

  private static Path stateOf(Path curated) {
    return Path.of(EtlConfig.defaultStatePath(curated.toString()));
  }

  private static void assertNoStagingOrManifestLeft(Path curated) {
    assertThat(walk(curated.resolve(ParquetCompactor.STAGING_FOLDER))).as("staging").isEmpty();
    assertThat(walk(stateOf(curated).resolve(ParquetCompactor.MANIFEST_FOLDER)))
        .as("manifests")
        .isEmpty();
  }

  @Test
  void parquetSmallFilesOfOldPartitionsBecomeOneFileWithTheSameRowsAndARerunDoesNothing(
      SparkSession spark) {
    Map<String, Long> expected = produce();
    Path curated = parquetTable(spark);
    Map<String, List<String>> before = parquetFiles(curated);
    assertThat(parquetRows(spark, curated)).isEqualTo(expected);
    // Only a test if old and young partitions have several files.
    assertThat(before.get("dt=2025-11-09/hr=10")).hasSizeGreaterThan(1);
    assertThat(before.get("dt=2025-11-09/hr=11")).hasSizeGreaterThan(1);
    assertThat(before.get(YOUNG)).hasSizeGreaterThan(1);

    // Automatic (bounded): a day later only what the run wrote is looked at, not the whole table.
    CompactionReport automatic =
        Compaction.afterWrite(
            spark, parquetSettings(curated), A_DAY_LATER, List.of(CuratedPartition.parse(HR10)));
    assertThat(automatic.partitionsCompacted()).containsExactly(HR10);
    assertThat(parquetFiles(curated).get(HR10)).hasSize(1);
    assertThat(parquetFiles(curated).get(HR11)).isEqualTo(before.get(HR11));

    CompactionReport report = Compaction.run(spark, parquetSettings(curated), OLDER_THAN);

    Map<String, List<String>> after = parquetFiles(curated);
    assertThat(parquetRows(spark, curated)).isEqualTo(expected);
    List<String> old = before.keySet().stream().filter(p -> !p.equals(YOUNG)).toList();
    assertThat(report.partitionsCompacted())
        .containsExactlyElementsOf(
            old.stream()
                .filter(p -> before.get(p).size() > 1 && !p.equals(HR10))
                .sorted(this::byHour)
                .toList());
    for (String partition : old) {
      assertThat(after.get(partition)).as(partition).hasSize(1);
    }
    assertThat(after.get(YOUNG)).isEqualTo(before.get(YOUNG));
    assertThat(report.filesRewritten())
        .isEqualTo(
            report.partitionsCompacted().stream().mapToLong(p -> before.get(p).size()).sum());
    assertThat(report.filesWritten()).isEqualTo(report.partitionsCompacted().size());
    assertThat(after.get(HR10).get(0)).contains("/compact-");
    assertNoStagingOrManifestLeft(curated);

    CompactionReport rerun = Compaction.run(spark, parquetSettings(curated), OLDER_THAN);
    assertThat(rerun.partitionsCompacted()).isEmpty();
    assertThat(parquetFiles(curated)).isEqualTo(after);
  }

  private int byHour(String a, String b) {
    return CuratedPartition.parse(a).compareTo(CuratedPartition.parse(b));
  }

  /** Stops the protocol by throwing after one step, as a kill there would. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop(ParquetCompactor.Step step) {
      super("stopped after " + step);
    }
  }

  @Test
  void aParquetCompactionStoppedAfterAnyStepIsFinishedOrUndoneByRecoveryWithNoRowLostOrDoubled(
      SparkSession spark) throws IOException {
    Map<String, Long> expected = produce();
    Path base = parquetTable(spark);
    Map<String, List<String>> before = parquetFiles(base);
    for (ParquetCompactor.Step step : ParquetCompactor.Step.values()) {
      Path curated = dir.resolve("crash-" + step);
      copyTree(base, curated);
      CompactionSettings settings = parquetSettings(curated);

      assertThatThrownBy(
              () ->
                  Compaction.run(
                      spark,
                      settings,
                      OLDER_THAN,
                      null,
                      false,
                      s -> {
                        if (s == step) {
                          throw new Stop(s);
                        }
                      }))
          .as(step.toString())
          .isInstanceOf(Stop.class);
      if (step == ParquetCompactor.Step.FILES_MOVED) {
        // What a reader sees between the moves and the deletes: the old partitions' rows twice.
        Map<String, Long> doubled = new HashMap<>();
        expected.forEach(
            (row, n) -> doubled.put(row, row.startsWith("2025-11-09|12|") ? n : 2 * n));
        assertThat(parquetRows(spark, curated)).as(step.toString()).isEqualTo(doubled);
      }

      Compaction.recover(spark, settings);

      assertThat(parquetRows(spark, curated)).as(step.toString()).isEqualTo(expected);
      assertNoStagingOrManifestLeft(curated);
      Map<String, List<String>> recovered = parquetFiles(curated);
      assertThat(recovered.get(YOUNG)).isEqualTo(before.get(YOUNG));
      if (step == ParquetCompactor.Step.STAGED) {
        assertThat(recovered).as("undone").isEqualTo(before);
      } else {
        assertThat(recovered.get("dt=2025-11-09/hr=10")).as("finished").hasSize(1);
      }
      // The next compaction does whatever is left, and the rows stay.
      Compaction.run(spark, settings, OLDER_THAN);
      assertThat(parquetRows(spark, curated)).as(step.toString()).isEqualTo(expected);
      assertThat(parquetFiles(curated).get("dt=2025-11-09/hr=10")).hasSize(1);
    }
  }

  @Test
  void anEtlRunFinishesAnInterruptedCompactionBeforeItDedupesAgainstTheTable(SparkSession spark) {
    Map<String, Long> expected = produce();
    Path curated = parquetTable(spark);
    assertThatThrownBy(
            () ->
                Compaction.run(
                    spark,
                    parquetSettings(curated),
                    OLDER_THAN,
                    null,
                    false,
                    s -> {
                      if (s == ParquetCompactor.Step.FIRST_INPUT_DELETED) {
                        throw new Stop(s);
                      }
                    }))
        .isInstanceOf(Stop.class);

    RunReport rerun = EtlJob.run(spark, etl(raw(), curated, TableFormat.PARQUET));

    assertThat(rerun.recordsWritten()).isZero();
    assertThat(parquetRows(spark, curated)).isEqualTo(expected);
    assertNoStagingOrManifestLeft(curated);
  }

  @Test
  void incrementalRunsCompactTheOldPartitionsTheyWroteUnlessToldNot(SparkSession spark)
      throws IOException {
    Map<String, Long> expected = produce();
    List<Path> batches = batches();
    Path growing = dir.resolve("growing");
    Path compacted = dir.resolve("compacted");
    Path notCompacted = dir.resolve("not-compacted");
    RunReport last = null;
    for (Path batch : batches) {
      copyTree(batch, growing);
      last =
          EtlJob.run(
              spark,
              EtlConfig.builder()
                  .rawPath(growing.toString())
                  .curatedPath(compacted.toString())
                  .statePath(dir.resolve("state-compacted").toString())
                  .noRegister()
                  .incremental(true)
                  .build());
      EtlJob.run(
          spark,
          EtlConfig.builder()
              .rawPath(growing.toString())
              .curatedPath(notCompacted.toString())
              .statePath(dir.resolve("state-not-compacted").toString())
              .noRegister()
              .incremental(true)
              .compact(false)
              .build());
    }

    assertThat(parquetRows(spark, compacted)).isEqualTo(expected);
    assertThat(parquetRows(spark, notCompacted)).isEqualTo(expected);
    // 2025 is long past the lateness window: every partition the last run wrote is compacted.
    assertThat(last.compaction()).isNotNull();
    assertThat(last.compaction().automatic()).isTrue();
    assertThat(last.compaction().partitionsCompacted()).isNotEmpty();
    assertThat(last.toJson()).contains("\"compaction\"").contains("\"partitions_compacted\"");
    assertThat(last.summary()).contains("compacted");
    parquetFiles(compacted).forEach((p, files) -> assertThat(files).as(p).hasSize(1));
    assertThat(parquetFiles(notCompacted).get(YOUNG)).hasSizeGreaterThan(1);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    for (Path file : walk(from)) {
      Path target = to.resolve(from.relativize(file));
      Files.createDirectories(target.getParent());
      if (!Files.exists(target)) {
        Files.copy(file, target);
      }
    }
  }

  // --- iceberg ---

  /** The current snapshot's data files per partition, as dt=…/hr=… → file paths. */
  private static Map<String, List<String>> icebergFiles(Table table) {
    table.refresh();
    Map<String, List<String>> byPartition = new TreeMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        String partition =
            "dt="
                + java.time.LocalDate.ofEpochDay(file.partition().get(0, Integer.class))
                + "/hr="
                + file.partition().get(1, Integer.class);
        byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(file.location());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byPartition.values().forEach(files -> files.sort(String::compareTo));
    return byPartition;
  }

  @Test
  void icebergSmallFilesOfOldPartitionsAreRewrittenSnapshotsExpiredAndOnlyOldOrphansDeleted(
      SparkSession spark) throws IOException {
    Map<String, Long> expected = produce();
    Path curated = dir.resolve("iceberg");
    for (Path batch : batches()) {
      EtlJob.run(spark, etl(batch, curated, TableFormat.ICEBERG));
    }
    Table iceberg = IcebergRows.load(spark, table);
    Map<String, List<String>> before = icebergFiles(iceberg);
    assertThat(IcebergRows.counts(iceberg)).isEqualTo(expected);
    assertThat(before.get("dt=2025-11-09/hr=10")).hasSizeGreaterThan(1);
    assertThat(before.get(YOUNG)).hasSizeGreaterThan(1);
    int snapshotsBefore = sizeOf(iceberg.snapshots());
    Path oldOrphan = curated.resolve("data").resolve("old-orphan.parquet");
    Path youngOrphan = curated.resolve("data").resolve("young-orphan.parquet");
    Files.writeString(oldOrphan, "not named by any snapshot");
    Files.writeString(youngOrphan, "a write in progress, say");
    Files.setLastModifiedTime(oldOrphan, FileTime.from(Instant.now().minus(Duration.ofDays(4))));
    CompactionSettings settings =
        new CompactionSettings(
            curated.toString(),
            table,
            TableFormat.ICEBERG,
            null,
            EtlConfig.DEFAULT_TARGET_FILE_BYTES,
            Duration.ZERO,
            2,
            EtlConfig.DEFAULT_ORPHAN_RETENTION);

    // Automatic (bounded): only what the run wrote, and no orphan removal.
    CompactionReport automatic =
        Compaction.afterWrite(spark, settings, A_DAY_LATER, List.of(CuratedPartition.parse(HR10)));
    assertThat(automatic.partitionsCompacted()).containsExactly(HR10);
    assertThat(automatic.orphanFilesDeleted()).isZero();
    assertThat(icebergFiles(iceberg).get(HR10)).hasSize(1);
    assertThat(icebergFiles(iceberg).get(HR11)).isEqualTo(before.get(HR11));
    assertThat(oldOrphan).exists();
    assertThat(IcebergRows.counts(iceberg)).isEqualTo(expected);

    CompactionReport report = Compaction.run(spark, settings, OLDER_THAN);

    iceberg.refresh();
    Map<String, List<String>> after = icebergFiles(iceberg);
    assertThat(IcebergRows.counts(iceberg)).isEqualTo(expected);
    before.keySet().stream()
        .filter(p -> !p.equals(YOUNG))
        .forEach(p -> assertThat(after.get(p)).as(p).hasSize(1));
    assertThat(after.get(YOUNG)).isEqualTo(before.get(YOUNG));
    assertThat(report.partitionsCompacted()).contains(HR11).doesNotContain(HR10, YOUNG);
    assertThat(report.filesWritten()).isEqualTo(report.partitionsCompacted().size());
    // Retention 0, keep the last 2: of the 4 appends and the 2 rewrites, 2 snapshots remain.
    assertThat(sizeOf(iceberg.snapshots())).isEqualTo(2);
    assertThat(automatic.snapshotsExpired() + report.snapshotsExpired())
        .isEqualTo(snapshotsBefore + 2 - 2);
    assertThat(oldOrphan).doesNotExist();
    assertThat(youngOrphan).exists();
    assertThat(report.orphanFilesDeleted()).isEqualTo(1);

    long snapshotId = iceberg.currentSnapshot().snapshotId();
    CompactionReport rerun = Compaction.run(spark, settings, OLDER_THAN);
    iceberg.refresh();
    assertThat(rerun.partitionsCompacted()).isEmpty();
    assertThat(iceberg.currentSnapshot().snapshotId()).isEqualTo(snapshotId);
    assertThat(IcebergRows.counts(iceberg)).isEqualTo(expected);
  }

  private static int sizeOf(Iterable<?> items) {
    int n = 0;
    for (Object ignored : items) {
      n++;
    }
    return n;
  }

  @Test
  void aMissingParquetTableIsNothingToCompact(SparkSession spark) {
    CompactionReport report =
        Compaction.run(spark, parquetSettings(dir.resolve("none")), Instant.now());
    assertThat(report.partitionsCompacted()).isEmpty();
    assertThat(report.filesRewritten()).isZero();
  }

  @Test
  void aManifestCutShortMeansNothingWasMovedAndIsDroppedWithItsStaging(SparkSession spark)
      throws IOException {
    Path curated = dir.resolve("cut");
    Path partition = curated.resolve(HR10);
    Files.createDirectories(partition);
    Files.writeString(partition.resolve("kept.parquet"), "an input file, untouched");
    Path staged =
        curated.resolve(ParquetCompactor.STAGING_FOLDER).resolve("compact-x").resolve(HR10);
    Files.createDirectories(staged);
    Files.writeString(staged.resolve("compact-x-part-0.parquet"), "staged");
    Path manifests = stateOf(curated).resolve(ParquetCompactor.MANIFEST_FOLDER);
    Files.createDirectories(manifests);
    Files.writeString(manifests.resolve("compact-x.json"), "{\"id\":\"compact-x\",\"partit");

    Compaction.recover(spark, parquetSettings(curated));

    assertNoStagingOrManifestLeft(curated);
    assertThat(walk(partition)).containsExactly(partition.resolve("kept.parquet"));
  }
}
