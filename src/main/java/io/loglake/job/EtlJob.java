package io.loglake.job;

import io.loglake.LoglakeException;
import io.loglake.config.EtlConfig;
import io.loglake.schema.CuratedPartition;
import io.loglake.source.CatalogTableSource;
import io.loglake.source.IncrementalRawSource;
import io.loglake.source.IncrementalState;
import io.loglake.source.LogSource;
import io.loglake.source.RawFileReader;
import io.loglake.source.RawFiles;
import io.loglake.source.RawPathSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
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

  /**
   * A run id: the UTC start time (so ids sort by time), {@code infix}, and a random suffix (two
   * runs started in the same second differ).
   */
  static String runId(Instant startedAt, String infix) {
    return RUN_ID_TIME.format(startedAt)
        + infix
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Runs the job on {@code spark}, publishes its metrics ({@code --metrics}; a failure to publish
   * is a warning of the report, see {@link ReportMetrics}), checks its data quality ({@code
   * --check}: the report's {@code quality}) and keeps its report in the run history ({@link
   * RunHistory#etlFolder}; a failure to keep it is a warning too); throws {@link
   * io.loglake.LoglakeException} on failure.
   */
  public static RunReport run(SparkSession spark, EtlConfig config) {
    RunReport written = runBatch(spark, config);
    RunReport report;
    try {
      report = RunChecks.check(spark, config, written);
    } catch (LoglakeException e) {
      // The run is done: its report is kept, saying the check did not run, before the failure.
      keep(spark, config, written.withWarning("data-quality check not run: " + e.getMessage()));
      throw e;
    }
    return keep(spark, config, report);
  }

  private static RunReport keep(SparkSession spark, EtlConfig config, RunReport report) {
    return RunChecks.keep(
        spark.sparkContext().hadoopConfiguration(),
        RunHistory.etlFolder(config.statePath()),
        RunHistory.ETL_KEPT,
        report);
  }

  /** The run with its metrics, without the check and the history (a stream's raw batch). */
  static RunReport runBatch(SparkSession spark, EtlConfig config) {
    try (ReportMetrics metrics = ReportMetrics.open(config)) {
      return metrics.publish(write(spark, config));
    }
  }

  private static RunReport write(SparkSession spark, EtlConfig config) {
    long startNanos = System.nanoTime();
    Instant startedAt = Instant.now();
    String runId = runId(startedAt, "");
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
    // Listed here first, so the raw zone's file system is opened with the session's own Hadoop
    // settings (spark.hadoop.* given by --conf included) before the catalog opens one from its
    // copy.
    RawFiles files = source.files(spark);
    // The catalog (locally: the embedded metastore's start) is prepared while the files are read;
    // a table that cannot take this run's rows still fails the run before anything is written.
    try (CuratedBatch batch = CuratedBatch.prepareInBackground(spark, config)) {
      return write(spark, config, batch, incremental, source, files, startNanos, startedAt, runId);
    }
  }

  private static RunReport write(
      SparkSession spark,
      EtlConfig config,
      CuratedBatch batch,
      IncrementalRawSource incremental,
      LogSource source,
      RawFiles files,
      long startNanos,
      Instant startedAt,
      String runId) {
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
    CuratedBatch.Result result = CuratedBatch.Result.EMPTY;
    if (!files.isEmpty()) {
      result =
          batch.write(
              spark,
              runId,
              RawFileReader.readParsed(
                  spark, files, config.levels(), config.eventTimeRange(), config.maxLineBytes()),
              filesWithQuarantine ->
                  RawFileReader.readParsed(
                      spark,
                      files.only(filesWithQuarantine),
                      config.levels(),
                      config.eventTimeRange(),
                      config.maxLineBytes()));
    }
    batch.register(spark, result.partitions());
    List<RunReport.UnreadableFile> unreadable = result.unreadable();
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
    CompactionReport compaction =
        incremental != null
            ? compactAfterWrite(spark, config, result.partitions(), warnings)
            : null;
    RunReport report =
        result.report(
            runId,
            startedAt,
            source.describe(),
            config,
            files.count(),
            warnings,
            (System.nanoTime() - startNanos) / 1_000_000,
            state,
            compaction);
    LOG.info(report.summary());
    return report;
  }

  /**
   * After an incremental run or a stream's batch (unless {@code --no-compact}): compacts the hours
   * that have just passed the lateness window ({@code --lookback}) and the old ones this run wrote
   * into. A failure does not fail the run, whose data and state are committed: it becomes a
   * warning, and the next run (or {@code loglake compact}) finishes or redoes the work.
   */
  static CompactionReport compactAfterWrite(
      SparkSession spark, EtlConfig config, List<CuratedPartition> written, List<String> warnings) {
    if (!config.compact()) {
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
}
