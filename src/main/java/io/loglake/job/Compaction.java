package io.loglake.job;

import io.loglake.config.CompactionSettings;
import io.loglake.config.TableFormat;
import io.loglake.schema.CuratedPartition;
import io.loglake.write.IcebergCompactor;
import io.loglake.write.ParquetCompactor;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * Compaction of the curated zone's small files, for both formats: the one entry {@code etl}, {@code
 * stream} and {@code loglake compact} call. Only partitions whose hour ended before {@code
 * olderThan} (now minus the lateness window) are candidates; a parquet partition is rewritten when
 * it has more files smaller than the target than its rows make, an Iceberg one when a group has at
 * least 2 small files. No row is lost or duplicated (see {@link ParquetCompactor}, {@link
 * IcebergCompactor}).
 */
public final class Compaction {
  /** How far before the lateness window an automatic compaction looks: one day of hours. */
  public static final Duration RECENT_SPAN = Duration.ofHours(24);

  private Compaction() {}

  /**
   * Parquet: finishes a compaction a kill interrupted and drops staging without a manifest
   * (iceberg: nothing to do). Call before a write reads the table to dedupe against it.
   */
  public static void recover(SparkSession spark, CompactionSettings settings) {
    if (settings.format() == TableFormat.PARQUET) {
      new ParquetCompactor(
              settings.curatedPath(),
              settings.statePath(),
              settings.targetFileBytes(),
              ParquetCompactor.StepListener.NONE)
          .recover(spark);
    }
  }

  /**
   * On demand ({@code loglake compact}): every partition whose hour ended before {@code olderThan};
   * lists the table's folders (parquet), and deletes Iceberg orphan files.
   */
  public static CompactionReport run(
      SparkSession spark, CompactionSettings settings, Instant olderThan) {
    return run(spark, settings, olderThan, null, false, ParquetCompactor.StepListener.NONE);
  }

  /**
   * Automatic, after a write: the hours in [{@code olderThan} − {@link #RECENT_SPAN}, {@code
   * olderThan}) and those of {@code written} that ended before {@code olderThan}; never lists the
   * whole table (one listing per candidate partition) and leaves Iceberg orphan files to {@code
   * loglake compact}.
   */
  public static CompactionReport afterWrite(
      SparkSession spark,
      CompactionSettings settings,
      Instant olderThan,
      Collection<CuratedPartition> written) {
    return run(spark, settings, olderThan, written, true, ParquetCompactor.StepListener.NONE);
  }

  /** As {@link #run}/{@link #afterWrite}, telling {@code steps} after each parquet step (tests). */
  static CompactionReport run(
      SparkSession spark,
      CompactionSettings settings,
      Instant olderThan,
      Collection<CuratedPartition> written,
      boolean automatic,
      ParquetCompactor.StepListener steps) {
    long start = System.nanoTime();
    CuratedPartition cutoff =
        CuratedPartition.ofEpochHour(Math.floorDiv(olderThan.getEpochSecond(), 3600));
    Set<CuratedPartition> recent = null;
    if (automatic) {
      recent = new TreeSet<>();
      for (long hour = cutoff.epochHour() - RECENT_SPAN.toHours();
          hour < cutoff.epochHour();
          hour++) {
        recent.add(CuratedPartition.ofEpochHour(hour));
      }
      written.stream().filter(p -> p.compareTo(cutoff) < 0).forEach(recent::add);
    }
    if (settings.format() == TableFormat.ICEBERG) {
      IcebergCompactor.Result result =
          new IcebergCompactor(
                  settings.curatedTable(),
                  settings.targetFileBytes(),
                  settings.snapshotRetention(),
                  settings.retainLastSnapshots(),
                  settings.orphanRetention())
              .compact(
                  spark,
                  recent == null ? IcebergCompactor.before(cutoff) : IcebergCompactor.only(recent),
                  !automatic);
      return report(
          settings,
          olderThan,
          automatic,
          result.partitions(),
          result.filesRewritten(),
          result.filesWritten(),
          0,
          result.snapshotsExpired(),
          result.orphanFilesDeleted(),
          start);
    }
    ParquetCompactor compactor =
        new ParquetCompactor(
            settings.curatedPath(), settings.statePath(), settings.targetFileBytes(), steps);
    Collection<CuratedPartition> candidates =
        recent != null ? recent : compactor.partitions(spark, p -> p.compareTo(cutoff) < 0);
    ParquetCompactor.Result result = compactor.compact(spark, candidates);
    return report(
        settings,
        olderThan,
        automatic,
        result.partitions(),
        result.filesRewritten(),
        result.filesWritten(),
        result.recovered(),
        0,
        0,
        start);
  }

  private static CompactionReport report(
      CompactionSettings settings,
      Instant olderThan,
      boolean automatic,
      List<CuratedPartition> partitions,
      long rewritten,
      long written,
      long recovered,
      long expired,
      long orphans,
      long startNanos) {
    return new CompactionReport(
        settings.format().text(),
        olderThan.toString(),
        automatic,
        partitions.stream().map(CuratedPartition::pathSegment).toList(),
        rewritten,
        written,
        recovered,
        expired,
        orphans,
        (System.nanoTime() - startNanos) / 1_000_000);
  }
}
