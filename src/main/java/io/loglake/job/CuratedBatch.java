package io.loglake.job;

import io.loglake.catalog.CuratedTableFormat;
import io.loglake.catalog.CuratedTableRegistrar;
import io.loglake.catalog.IcebergCuratedTable;
import io.loglake.config.EtlConfig;
import io.loglake.config.TableFormat;
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
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The write of one batch of parsed records, shared by {@code etl} (one batch per run) and {@code
 * stream} (one per trigger): parsed → (observe) → curate → persisted → the batch's partitions → the
 * rows the curated table does not hold within the dedupe window → (observe) → appended (Parquet
 * {@link CuratedWriter} or Iceberg {@link IcebergCuratedWriter}) → quarantine. A batch whose rows
 * the table already holds (a replay) appends nothing, and on Iceberg commits no snapshot.
 *
 * <p>Construct once per run or stream ({@link #prepare} checks and creates the table), then call
 * {@link #write} per batch and {@link #register} after it.
 */
public final class CuratedBatch {
  /** The names of the two observed points of the main pass (see {@link EtlMetrics}). */
  private static final String PARSED = "loglake_parsed";

  private static final String WRITTEN = "loglake_written";

  private final EtlConfig config;
  private final IcebergCuratedWriter iceberg;

  private CuratedBatch(EtlConfig config, IcebergCuratedWriter iceberg) {
    this.config = config;
    this.iceberg = iceberg;
  }

  /**
   * The batch writer of {@code config}; before any work, a catalog table that cannot take the rows
   * fails here, and a missing one is created.
   */
  public static CuratedBatch prepare(SparkSession spark, EtlConfig config) {
    IcebergCuratedWriter iceberg =
        config.format() == TableFormat.ICEBERG
            ? new IcebergCuratedWriter(
                config.curatedTable(),
                config.curatedPath(),
                config.dedupeWindow(),
                config.targetFileBytes())
            : null;
    if (config.curatedTable() != null) {
      CuratedTableFormat.check(spark, config.curatedTable(), config.format());
      if (iceberg != null) {
        IcebergCuratedTable.prepare(spark, config.curatedTable(), config.curatedPath());
      } else {
        CuratedTableRegistrar.prepare(
            spark, config.curatedTable().toString(), config.curatedPath());
      }
    }
    return new CuratedBatch(config, iceberg);
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
          compaction);
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
    // Cached: the batch's partitions are computed from it first (they bound what the merge reads
    // of the table), then it is written; the records are parsed once.
    Dataset<Row> curated = CurateTransform.apply(observed).persist(StorageLevel.MEMORY_AND_DISK());
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
      spark
          .conf()
          .set(
              "spark.sql.adaptive.advisoryPartitionSizeInBytes",
              config.targetFileBytes() * EtlJob.SHUFFLE_BYTES_PER_FILE_BYTE);
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
        CuratedWriter writer = new CuratedWriter(config.curatedPath(), config.dedupeWindow());
        Dataset<Row> newRows =
            observe(writer.newRows(curated, batchPartitions), WRITTEN, EtlMetrics.written());
        writtenMetrics =
            ObservedAction.run(spark, List.of(WRITTEN), () -> writer.append(newRows, runId))
                .get(WRITTEN);
      }
    } finally {
      curated.unpersist();
    }

    String quarantinePath = null;
    List<String> filesWithQuarantine =
        EtlMetrics.list(parsedMetrics, EtlMetrics.FILES_WITH_QUARANTINE);
    if (!filesWithQuarantine.isEmpty()) {
      QuarantineWriter quarantine = new QuarantineWriter(config.quarantinePath());
      quarantine.write(quarantineSource.apply(filesWithQuarantine), runId);
      quarantinePath = quarantine.runPath(runId);
    }
    return new Result(parsedMetrics, writtenMetrics, quarantinePath);
  }

  /**
   * Registers the written partitions in the catalog (Parquet; an Iceberg commit is its own
   * registration: the catalog entry points at the new snapshot).
   */
  public void register(SparkSession spark, List<CuratedPartition> partitions) {
    if (config.curatedTable() != null && iceberg == null) {
      CuratedTableRegistrar.register(
          spark, config.curatedTable().toString(), config.curatedPath(), partitions);
    }
  }

  private static Dataset<Row> observe(Dataset<Row> rows, String name, Column[] metrics) {
    return rows.observe(name, metrics[0], Arrays.copyOfRange(metrics, 1, metrics.length));
  }
}
