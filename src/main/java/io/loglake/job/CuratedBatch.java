package io.loglake.job;

import io.loglake.catalog.CuratedTableFormat;
import io.loglake.catalog.CuratedTableRegistrar;
import io.loglake.catalog.IcebergCuratedTable;
import io.loglake.config.EtlConfig;
import io.loglake.config.TableFormat;
import io.loglake.pii.PiiMasker;
import io.loglake.schema.CuratedPartition;
import io.loglake.transform.CurateTransform;
import io.loglake.write.CuratedWriter;
import io.loglake.write.IcebergCuratedWriter;
import io.loglake.write.QuarantineWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write of one batch of parsed records, shared by {@code etl} (one batch per run) and {@code
 * stream} (one per trigger): parsed → (observe) → curate (PII masked, {@link
 * io.loglake.transform.PiiTransform}) → persisted → the batch's partitions → the rows the curated
 * table does not hold within the dedupe window → (observe) → appended (Parquet {@link
 * CuratedWriter} or Iceberg {@link IcebergCuratedWriter}) → quarantine. A batch whose rows the
 * table already holds (a replay) appends nothing, and on Iceberg commits no snapshot. A Parquet
 * zone with no partition yet (a first run into a new table) has nothing to compare with: its batch
 * is one pass, parsed → curated → appended, with no cache and no partitions computed first.
 *
 * <p>Construct once per run or stream ({@link #prepare} checks and creates the table, {@link
 * #prepareInBackground} does so while the caller reads), then call {@link #write} per batch and
 * {@link #register} after it.
 */
public final class CuratedBatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CuratedBatch.class);

  /** The names of the two observed points of the main pass (see {@link EtlMetrics}). */
  private static final String PARSED = "loglake_parsed";

  private static final String WRITTEN = "loglake_written";

  private final EtlConfig config;
  private final IcebergCuratedWriter iceberg;

  /** The run's PII masking, its key read once; null when nothing is masked. */
  private final PiiMasker masker;

  /** The catalog's preparation of the table; completes when it is checked and created. */
  private final CompletableFuture<Void> prepared;

  private CuratedBatch(
      EtlConfig config,
      IcebergCuratedWriter iceberg,
      PiiMasker masker,
      CompletableFuture<Void> prepared) {
    this.config = config;
    this.iceberg = iceberg;
    this.masker = masker;
    this.prepared = prepared;
  }

  /**
   * The batch writer of {@code config}; before any work, a catalog table that cannot take the rows
   * fails here, and a missing one is created.
   */
  public static CuratedBatch prepare(SparkSession spark, EtlConfig config) {
    CuratedBatch batch = start(spark, config, false);
    batch.awaitPrepared();
    return batch;
  }

  /**
   * The batch writer of {@code config}, its table checked and created on a background thread while
   * the caller lists and reads the raw files: locally the first catalog call starts the embedded
   * metastore (seconds). {@link #write} waits for it after the read and before anything is written,
   * so a table that cannot take the rows still fails the run with nothing written; {@link
   * #register} and {@link #close} wait for it too. The Hive client and the session's catalogs are
   * safe to call from two threads (Spark serialises the client's calls).
   */
  public static CuratedBatch prepareInBackground(SparkSession spark, EtlConfig config) {
    return start(spark, config, true);
  }

  private static CuratedBatch start(SparkSession spark, EtlConfig config, boolean background) {
    // First: a hash key that cannot be read fails the run before any work (and any write).
    PiiMasker masker = PiiMasker.of(config.pii());
    if (masker != null) {
      LOG.info(
          "PII: {}{}",
          masker,
          config.pii().needsKey() ? ", key from " + config.pii().keySource().describe() : "");
    }
    IcebergCuratedWriter iceberg =
        config.format() == TableFormat.ICEBERG
            ? new IcebergCuratedWriter(
                config.curatedTable(),
                config.curatedPath(),
                config.dedupeWindow(),
                config.targetFileBytes())
            : null;
    CompletableFuture<Void> prepared = new CompletableFuture<>();
    if (config.curatedTable() == null) {
      prepared.complete(null);
    } else if (!background) {
      prepareTable(spark, config, prepared);
    } else {
      Thread thread =
          new Thread(
              () -> {
                SparkSession.setActiveSession(spark);
                prepareTable(spark, config, prepared);
              },
              "loglake-catalog-prepare");
      // Never keeps the JVM alive: the run waits for it on every path that writes.
      thread.setDaemon(true);
      thread.start();
    }
    return new CuratedBatch(config, iceberg, masker, prepared);
  }

  private static void prepareTable(
      SparkSession spark, EtlConfig config, CompletableFuture<Void> prepared) {
    long startNanos = System.nanoTime();
    try {
      CuratedTableFormat.check(spark, config.curatedTable(), config.format());
      if (config.format() == TableFormat.ICEBERG) {
        IcebergCuratedTable.prepare(spark, config.curatedTable(), config.curatedPath());
      } else {
        CuratedTableRegistrar.prepare(
            spark, config.curatedTable().toString(), config.curatedPath());
      }
      LOG.info(
          "catalog table {} prepared in {} ms",
          config.curatedTable(),
          (System.nanoTime() - startNanos) / 1_000_000);
      prepared.complete(null);
    } catch (Throwable e) {
      prepared.completeExceptionally(e);
    }
  }

  /**
   * Waits for the table's preparation and rethrows its failure as it was thrown (a {@link
   * io.loglake.LoglakeException} keeps its reason and hint).
   */
  void awaitPrepared() {
    long startNanos = System.nanoTime();
    try {
      prepared.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
    long waitedMs = (System.nanoTime() - startNanos) / 1_000_000;
    if (waitedMs > 0) {
      LOG.info("waited {} ms for the catalog", waitedMs);
    }
  }

  /**
   * Waits for a preparation still running (a run that failed before {@link #write} waited), so that
   * no catalog call outlives the run; its own failure is then beside the point and not thrown.
   */
  @Override
  public void close() {
    try {
      prepared.join();
    } catch (CompletionException e) {
      LOG.debug("the catalog preparation of a failed run failed too", e.getCause());
    }
  }

  /**
   * What one batch did: the metrics observed on the parsed records and on the rows written, and the
   * folder its quarantined records went to (null when none).
   */
  public record Result(
      Map<String, Object> parsedMetrics,
      Map<String, Object> writtenMetrics,
      String quarantinePath) {
    static final Result EMPTY = new Result(Map.of(), Map.of(), null);

    public long read() {
      return EtlMetrics.count(parsedMetrics, EtlMetrics.RECORDS_READ);
    }

    public long written() {
      return EtlMetrics.count(writtenMetrics, EtlMetrics.WRITTEN);
    }

    public long quarantined() {
      return EtlMetrics.count(parsedMetrics, EtlMetrics.QUARANTINED);
    }

    public long duplicates() {
      return EtlMetrics.count(parsedMetrics, EtlMetrics.CURATED_BEFORE_DEDUPE) - written();
    }

    public List<CuratedPartition> partitions() {
      return EtlMetrics.partitions(writtenMetrics);
    }

    /** The run report of this batch, with what the caller knows of the run around it. */
    public RunReport report(
        String runId,
        java.time.Instant startedAt,
        String source,
        EtlConfig config,
        long filesRead,
        List<String> warnings,
        long durationMs,
        RunReport.Incremental incremental,
        CompactionReport compaction) {
      return new RunReport(
          runId,
          startedAt.toString(),
          source,
          config.curatedPath(),
          quarantinePath,
          List.copyOf(config.levels()).stream().sorted().toList(),
          filesRead,
          read(),
          written(),
          quarantined(),
          EtlMetrics.byReason(parsedMetrics),
          EtlMetrics.count(parsedMetrics, EtlMetrics.FILTERED),
          duplicates(),
          partitions().stream().map(CuratedPartition::pathSegment).toList(),
          unreadable(),
          List.copyOf(warnings),
          durationMs,
          incremental,
          compaction,
          null);
    }

    public List<RunReport.UnreadableFile> unreadable() {
      return EtlMetrics.<Row>list(parsedMetrics, EtlMetrics.UNREADABLE).stream()
          .map(EtlMetrics::unreadable)
          .sorted(Comparator.comparing(RunReport.UnreadableFile::path))
          .toList();
    }
  }

  /**
   * Writes {@code parsed} (schema {@link io.loglake.transform.ParseTransform#PARSED}, read once);
   * the quarantined records are then written from {@code quarantineSource}, given the source files
   * that held such records: the same records again (a second, small read of those files only).
   */
  public Result write(
      SparkSession spark,
      String runId,
      Dataset<Row> parsed,
      Function<List<String>, Dataset<Row>> quarantineSource) {
    Dataset<Row> observed = observe(parsed, PARSED, EtlMetrics.parsed());
    CuratedWriter writer =
        iceberg == null ? new CuratedWriter(config.curatedPath(), config.dedupeWindow()) : null;
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    CuratedWriter.Existing existing = writer == null ? null : writer.existing(hadoopConf);
    Observed metrics;
    if (writer != null && !writer.mayHoldCopies(existing)) {
      // Nothing to compare with: one pass, read to write, as before the cross-run dedupe. The
      // catalog's preparation is awaited first, so a table that cannot take the rows still fails
      // the run with nothing written (it no longer overlaps the read: that costs less than the
      // cached pass below).
      awaitPrepared();
      setAdvisoryPartitionSize(spark);
      Dataset<Row> newRows =
          observe(CurateTransform.apply(observed, masker), WRITTEN, EtlMetrics.written());
      Map<String, Map<String, Object>> both =
          ObservedAction.run(spark, List.of(PARSED, WRITTEN), () -> writer.append(newRows, runId));
      metrics = new Observed(both.get(PARSED), both.get(WRITTEN));
      if (existing == CuratedWriter.Existing.NONE
          && EtlMetrics.count(metrics.written(), EtlMetrics.WRITTEN) == 0) {
        writer.removeEmptyZone(hadoopConf);
      }
    } else {
      metrics = writeComparing(spark, runId, observed, writer);
    }
    return finish(runId, metrics, quarantineSource);
  }

  private void setAdvisoryPartitionSize(SparkSession spark) {
    spark
        .conf()
        .set(
            "spark.sql.adaptive.advisoryPartitionSizeInBytes",
            config.targetFileBytes() * EtlJob.SHUFFLE_BYTES_PER_FILE_BYTE);
  }

  /**
   * The write when the table may hold copies of the batch's rows: the curated rows are cached, the
   * batch's partitions computed from them (they bound what the anti-join reads of the table), then
   * the rows the table does not hold are appended. Returns the parsed and the written metrics.
   */
  private Observed writeComparing(
      SparkSession spark, String runId, Dataset<Row> observed, CuratedWriter writer) {
    // Cached: the batch's partitions are computed from it first (they bound what the merge reads
    // of the table), then it is written; the records are parsed once.
    Dataset<Row> curated =
        CurateTransform.apply(observed, masker).persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Object> parsedMetrics;
    Map<String, Object> writtenMetrics = Map.of();
    try {
      List<CuratedPartition> batchPartitions = new ArrayList<>();
      parsedMetrics =
          ObservedAction.run(
                  spark,
                  List.of(PARSED),
                  () -> batchPartitions.addAll(EtlMetrics.partitions(curated)))
              .get(PARSED);
      // The records are read; nothing is written before the table is known to take them.
      awaitPrepared();
      setAdvisoryPartitionSize(spark);
      if (!batchPartitions.isEmpty() && iceberg != null) {
        Dataset<Row> candidates = iceberg.newRows(curated, batchPartitions);
        // An Iceberg append of no row still commits a snapshot: a batch with nothing new (a rerun)
        // must leave the table's history alone, so it is checked first (an extra, unobserved
        // pass over the anti-join; its written counts stay 0).
        Dataset<Row> newRows =
            candidates.isEmpty() ? null : observe(candidates, WRITTEN, EtlMetrics.written());
        if (newRows != null) {
          writtenMetrics =
              ObservedAction.run(spark, List.of(WRITTEN), () -> iceberg.append(newRows))
                  .get(WRITTEN);
        }
      } else if (!batchPartitions.isEmpty()) {
        Dataset<Row> newRows =
            observe(writer.newRows(curated, batchPartitions), WRITTEN, EtlMetrics.written());
        writtenMetrics =
            ObservedAction.run(spark, List.of(WRITTEN), () -> writer.append(newRows, runId))
                .get(WRITTEN);
      }
    } finally {
      curated.unpersist();
    }
    return new Observed(parsedMetrics, writtenMetrics);
  }

  /** The metrics observed on the parsed records and on the rows written. */
  private record Observed(Map<String, Object> parsed, Map<String, Object> written) {}

  /** Writes the quarantined records of a batch whose curated rows are written. */
  private Result finish(
      String runId, Observed observed, Function<List<String>, Dataset<Row>> quarantineSource) {
    Map<String, Object> parsedMetrics = observed.parsed();
    String quarantinePath = null;
    List<String> filesWithQuarantine =
        EtlMetrics.list(parsedMetrics, EtlMetrics.FILES_WITH_QUARANTINE);
    if (!filesWithQuarantine.isEmpty()) {
      QuarantineWriter quarantine = new QuarantineWriter(config.quarantinePath());
      quarantine.write(quarantineSource.apply(filesWithQuarantine), runId);
      quarantinePath = quarantine.runPath(runId);
    }
    return new Result(parsedMetrics, observed.written(), quarantinePath);
  }

  /**
   * Registers the written partitions in the catalog (Parquet; an Iceberg commit is its own
   * registration: the catalog entry points at the new snapshot).
   */
  public void register(SparkSession spark, List<CuratedPartition> partitions) {
    awaitPrepared();
    if (config.curatedTable() != null && iceberg == null) {
      CuratedTableRegistrar.register(
          spark, config.curatedTable().toString(), config.curatedPath(), partitions);
    }
  }

  private static Dataset<Row> observe(Dataset<Row> rows, String name, Column[] metrics) {
    return rows.observe(name, metrics[0], Arrays.copyOfRange(metrics, 1, metrics.length));
  }
}
