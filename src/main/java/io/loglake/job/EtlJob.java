package io.loglake.job;

import io.loglake.catalog.CuratedTableFormat;
import io.loglake.catalog.CuratedTableRegistrar;
import io.loglake.catalog.IcebergCuratedTable;
import io.loglake.config.EtlConfig;
import io.loglake.config.TableFormat;
import io.loglake.schema.CuratedPartition;
import io.loglake.source.CatalogTableSource;
import io.loglake.source.IncrementalRawSource;
import io.loglake.source.IncrementalState;
import io.loglake.source.LogSource;
import io.loglake.source.RawFileReader;
import io.loglake.source.RawFiles;
import io.loglake.source.RawPathSource;
import io.loglake.transform.CurateTransform;
import io.loglake.write.CuratedWriter;
import io.loglake.write.IcebergCuratedWriter;
import io.loglake.write.QuarantineWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETL job: raw logs → curated {@code dt}/{@code hr} Parquet + quarantine + run report.
 *
 * <p>One pass over the raw data does the work: read → parse → (observe) → keep curated → drop
 * duplicates → cached; the run's partitions are taken from the cache, then the rows the curated
 * table already holds (within the dedupe window) are dropped → (observe) → appended. Quarantined
 * records are written by a second, small pass that reads only the files which held such records
 * (the first pass names them), so clean data is read once.
 */
public final class EtlJob {
  private static final Logger LOG = LoggerFactory.getLogger(EtlJob.class);
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The names of the two observed points of the main pass (see {@link EtlMetrics}). */
  private static final String PARSED = "loglake_parsed";

  private static final String WRITTEN = "loglake_written";

  /**
   * Adaptive execution splits a rebalanced shuffle partition by its shuffle bytes, not by the size
   * of the Parquet files it becomes: curated rows take about 1.6 times their Snappy Parquet size in
   * the shuffle (measured on generated logs), and one shuffle partition may hold several dt/hr
   * partitions. Aiming the split at this multiple of the target keeps a partition under the target
   * in one file. A larger one is split at the boundaries of the tasks before the shuffle, so its
   * pieces are about the target size or, when those tasks are few, larger.
   */
  static final long SHUFFLE_BYTES_PER_FILE_BYTE = 2;

  private EtlJob() {}

  /** Runs the job on {@code spark}; throws {@link io.loglake.LoglakeException} on failure. */
  public static RunReport run(SparkSession spark, EtlConfig config) {
    long startNanos = System.nanoTime();
    Instant startedAt = Instant.now();
    String runId =
        RUN_ID_TIME.format(startedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
    // Before anything reads the table: a compaction a kill interrupted is finished first.
    Compaction.recover(spark, config.compaction());
    IncrementalRawSource incremental =
        config.incremental()
            ? new IncrementalRawSource(
                config.rawPath(),
                IncrementalState.at(spark.sparkContext().hadoopConfiguration(), config.statePath()),
                config.lookback(),
                startedAt)
            : null;
    LogSource source =
        incremental != null
            ? incremental
            : config.rawPath() != null
                ? new RawPathSource(config.rawPath())
                : new CatalogTableSource(config.table());
    RawFiles files = source.files(spark);
    LOG.info(
        "run {}: reading {} files ({} bytes) from {}",
        runId,
        files.count(),
        files.totalBytes(),
        source.describe());
    List<String> warnings = new ArrayList<>();
    if (files.isEmpty()) {
      warnings.add("read no file from " + source.describe() + ": " + source.noFilesReason());
      LOG.warn("run {}: {}", runId, warnings.get(0));
    }
    IcebergCuratedWriter iceberg =
        config.format() == TableFormat.ICEBERG
            ? new IcebergCuratedWriter(
                config.curatedTable(),
                config.curatedPath(),
                config.dedupeWindow(),
                config.targetFileBytes())
            : null;
    if (config.curatedTable() != null) {
      // Before any work: a table that cannot take this run's rows fails it now, not after.
      CuratedTableFormat.check(spark, config.curatedTable(), config.format());
      if (iceberg != null) {
        IcebergCuratedTable.prepare(spark, config.curatedTable(), config.curatedPath());
      } else {
        CuratedTableRegistrar.prepare(
            spark, config.curatedTable().toString(), config.curatedPath());
      }
    }

    Map<String, Object> parsedMetrics = Map.of();
    Map<String, Object> writtenMetrics = Map.of();
    String quarantinePath = null;
    if (!files.isEmpty()) {
      Dataset<Row> parsed =
          observe(
              RawFileReader.readParsed(
                  spark, files, config.levels(), config.eventTimeRange(), config.maxLineBytes()),
              PARSED,
              EtlMetrics.parsed());
      // Cached: the run's partitions are computed from it first (they bound what the merge
      // reads of the table), then it is written; the raw data is parsed once.
      Dataset<Row> curated = CurateTransform.apply(parsed).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        List<CuratedPartition> runPartitions = new ArrayList<>();
        parsedMetrics =
            ObservedAction.run(
                    spark,
                    List.of(PARSED),
                    () -> runPartitions.addAll(EtlMetrics.partitions(curated)))
                .get(PARSED);
        spark
            .conf()
            .set(
                "spark.sql.adaptive.advisoryPartitionSizeInBytes",
                config.targetFileBytes() * SHUFFLE_BYTES_PER_FILE_BYTE);
        if (!runPartitions.isEmpty() && iceberg != null) {
          Dataset<Row> candidates = iceberg.newRows(curated, runPartitions);
          // An Iceberg append of no row still commits a snapshot: a run with nothing new (a rerun)
          // must leave the table's history alone, so it is checked first (an extra, unobserved
          // pass over the anti-join; its written counts stay 0).
          Dataset<Row> newRows =
              candidates.isEmpty() ? null : observe(candidates, WRITTEN, EtlMetrics.written());
          if (newRows != null) {
            writtenMetrics =
                ObservedAction.run(spark, List.of(WRITTEN), () -> iceberg.append(newRows))
                    .get(WRITTEN);
          }
        } else if (!runPartitions.isEmpty()) {
          CuratedWriter writer = new CuratedWriter(config.curatedPath(), config.dedupeWindow());
          Dataset<Row> newRows =
              observe(writer.newRows(curated, runPartitions), WRITTEN, EtlMetrics.written());
          writtenMetrics =
              ObservedAction.run(spark, List.of(WRITTEN), () -> writer.append(newRows, runId))
                  .get(WRITTEN);
        }
      } finally {
        curated.unpersist();
      }

      List<String> filesWithQuarantine =
          EtlMetrics.list(parsedMetrics, EtlMetrics.FILES_WITH_QUARANTINE);
      if (!filesWithQuarantine.isEmpty()) {
        QuarantineWriter quarantine = new QuarantineWriter(config.quarantinePath());
        RawFiles affected = files.only(filesWithQuarantine);
        quarantine.write(
            RawFileReader.readParsed(
                spark, affected, config.levels(), config.eventTimeRange(), config.maxLineBytes()),
            runId);
        quarantinePath = quarantine.runPath(runId);
      }
    }

    long read = EtlMetrics.count(parsedMetrics, EtlMetrics.RECORDS_READ);
    long written = EtlMetrics.count(writtenMetrics, EtlMetrics.WRITTEN);
    List<CuratedPartition> partitions = EtlMetrics.partitions(writtenMetrics);
    if (config.curatedTable() != null && iceberg == null) {
      // An Iceberg commit is its own registration: the catalog entry points at the new snapshot.
      CuratedTableRegistrar.register(
          spark, config.curatedTable().toString(), config.curatedPath(), partitions);
    }
    List<RunReport.UnreadableFile> unreadable =
        EtlMetrics.<Row>list(parsedMetrics, EtlMetrics.UNREADABLE).stream()
            .map(EtlMetrics::unreadable)
            .sorted(Comparator.comparing(RunReport.UnreadableFile::path))
            .toList();
    RunReport.Incremental state = null;
    if (incremental != null) {
      // Only now, after the data and the catalog are written: a failed run commits nothing.
      String checkpoint =
          incremental
              .commit(runId, unreadable.stream().map(RunReport.UnreadableFile::path).toList())
              .orElse(null);
      state =
          new RunReport.Incremental(
              incremental.statePath(),
              incremental.checkpointRead(),
              checkpoint,
              incremental.listedFrom() == null ? null : incremental.listedFrom().toString(),
              incremental.listedTo() == null ? null : incremental.listedTo().toString(),
              incremental.foldersListed(),
              incremental.objectsListed(),
              incremental.alreadyProcessed(),
              unreadable.size());
    }
    CompactionReport compaction = compactAfterWrite(spark, config, partitions, warnings);
    RunReport report =
        new RunReport(
            runId,
            startedAt.toString(),
            source.describe(),
            config.curatedPath(),
            quarantinePath,
            List.copyOf(config.levels()).stream().sorted().toList(),
            files.count(),
            read,
            written,
            EtlMetrics.count(parsedMetrics, EtlMetrics.QUARANTINED),
            EtlMetrics.byReason(parsedMetrics),
            EtlMetrics.count(parsedMetrics, EtlMetrics.FILTERED),
            EtlMetrics.count(parsedMetrics, EtlMetrics.CURATED_BEFORE_DEDUPE) - written,
            partitions.stream().map(CuratedPartition::pathSegment).toList(),
            unreadable,
            List.copyOf(warnings),
            (System.nanoTime() - startNanos) / 1_000_000,
            state,
            compaction);
    LOG.info(report.summary());
    return report;
  }

  /**
   * After an incremental run (unless {@code --no-compact}): compacts the hours that have just
   * passed the lateness window ({@code --lookback}) and the old ones this run wrote into. A failure
   * does not fail the run, whose data and state are committed: it becomes a warning, and the next
   * run (or {@code loglake compact}) finishes or redoes the work.
   */
  private static CompactionReport compactAfterWrite(
      SparkSession spark, EtlConfig config, List<CuratedPartition> written, List<String> warnings) {
    if (!config.incremental() || !config.compact()) {
      return null;
    }
    try {
      return Compaction.afterWrite(
          spark, config.compaction(), Instant.now().minus(config.lookback()), written);
    } catch (RuntimeException e) {
      LOG.warn("automatic compaction failed; the run's data is committed", e);
      warnings.add("automatic compaction failed (the run's data is committed): " + e.getMessage());
      return null;
    }
  }

  private static Dataset<Row> observe(Dataset<Row> rows, String name, Column[] metrics) {
    return rows.observe(name, metrics[0], Arrays.copyOfRange(metrics, 1, metrics.length));
  }
}
