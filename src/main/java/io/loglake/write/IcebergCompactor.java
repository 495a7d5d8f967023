package io.loglake.write;

import io.loglake.LoglakeException;
import io.loglake.catalog.TableName;
import io.loglake.schema.CuratedPartition;
import io.loglake.schema.LogSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/**
 * Compacts an Iceberg curated table with Iceberg's own Spark actions: {@code rewriteDataFiles} on
 * the partitions asked for (bin-pack to the target size, at least 2 input files per group), then
 * {@code expireSnapshots} (older than the retention, always keeping the last N) and, when asked,
 * {@code deleteOrphanFiles} (older than the orphan retention). Every step is one atomic commit, so
 * a kill leaves the table as before or after it; the files of a rewrite killed before its commit
 * are orphans a later {@code deleteOrphanFiles} removes. A reader of a snapshot still kept, and a
 * write in progress (its files are younger than the orphan retention), are unaffected; a rewrite
 * that conflicts with a concurrent append retries or fails without changing the table.
 */
public final class IcebergCompactor {
  /**
   * What one compaction did.
   *
   * @param partitions partitions whose files were rewritten, sorted
   */
  public record Result(
      List<CuratedPartition> partitions,
      long filesRewritten,
      long filesWritten,
      long snapshotsExpired,
      long orphanFilesDeleted) {}

  private final TableName table;
  private final long targetFileBytes;
  private final Duration snapshotRetention;
  private final int retainLastSnapshots;
  private final Duration orphanRetention;

  public IcebergCompactor(
      TableName table,
      long targetFileBytes,
      Duration snapshotRetention,
      int retainLastSnapshots,
      Duration orphanRetention) {
    this.table = table;
    this.targetFileBytes = targetFileBytes;
    this.snapshotRetention = snapshotRetention;
    this.retainLastSnapshots = retainLastSnapshots;
    this.orphanRetention = orphanRetention;
  }

  /**
   * Every partition whose hour is before {@code before}'s: {@code dt < d OR (dt = d AND hr < h)}.
   */
  public static Expression before(CuratedPartition before) {
    return Expressions.or(
        Expressions.lessThan(LogSchema.DT, before.dt().toString()),
        Expressions.and(
            Expressions.equal(LogSchema.DT, before.dt().toString()),
            Expressions.lessThan(LogSchema.HR, before.hr())));
  }

  /** Exactly {@code partitions}: {@code (dt = d1 AND hr IN (…)) OR …}. */
  public static Expression only(Collection<CuratedPartition> partitions) {
    Map<LocalDate, Set<Integer>> byDate = new TreeMap<>();
    partitions.forEach(p -> byDate.computeIfAbsent(p.dt(), d -> new TreeSet<>()).add(p.hr()));
    Expression filter = Expressions.alwaysFalse();
    for (Map.Entry<LocalDate, Set<Integer>> date : byDate.entrySet()) {
      filter =
          Expressions.or(
              filter,
              Expressions.and(
                  Expressions.equal(LogSchema.DT, date.getKey().toString()),
                  Expressions.in(LogSchema.HR, date.getValue().toArray())));
    }
    return filter;
  }

  /**
   * Rewrites the small files of the partitions {@code filter} selects, expires old snapshots and,
   * when {@code removeOrphans}, deletes old orphan files (that lists the table's whole location).
   */
  public Result compact(SparkSession spark, Expression filter, boolean removeOrphans) {
    Table iceberg;
    try {
      iceberg = Spark3Util.loadIcebergTable(spark, table.toString());
    } catch (Exception e) {
      throw new LoglakeException(
          "Cannot compact the Iceberg table " + table + ": " + CuratedWriter.rootMessage(e),
          "check that the table exists (an etl --format iceberg run creates it)",
          e);
    }
    try {
      SparkActions actions = SparkActions.get(spark);
      RewriteDataFiles.Result rewrite =
          actions
              .rewriteDataFiles(iceberg)
              .filter(filter)
              .option(RewriteDataFiles.TARGET_FILE_SIZE_BYTES, Long.toString(targetFileBytes))
              .option("min-input-files", "2")
              .execute();
      Set<CuratedPartition> partitions = new TreeSet<>();
      rewrite
          .rewriteResults()
          .forEach(group -> partitions.add(partition(group.info().partition())));
      iceberg.refresh();
      int snapshotsBefore = size(iceberg.snapshots());
      long now = Instant.now().toEpochMilli();
      actions
          .expireSnapshots(iceberg)
          .expireOlderThan(now - snapshotRetention.toMillis())
          .retainLast(retainLastSnapshots)
          .execute();
      iceberg.refresh();
      long expired = snapshotsBefore - size(iceberg.snapshots());
      long orphans = 0;
      if (removeOrphans) {
        DeleteOrphanFiles.Result deleted =
            actions
                .deleteOrphanFiles(iceberg)
                .olderThan(now - orphanRetention.toMillis())
                .execute();
        orphans = size(deleted.orphanFileLocations());
      }
      return new Result(
          List.copyOf(partitions),
          rewrite.rewrittenDataFilesCount(),
          rewrite.addedDataFilesCount(),
          expired,
          orphans);
    } catch (RuntimeException e) {
      throw new LoglakeException(
          "Cannot compact the Iceberg table " + table + ": " + CuratedWriter.rootMessage(e),
          "each Iceberg commit is atomic, so the table is as before the failed step; rerun",
          e);
    }
  }

  /** The partition of a {@code dt}, {@code hr} partition tuple (dt in days since the epoch). */
  private static CuratedPartition partition(StructLike tuple) {
    return new CuratedPartition(
        LocalDate.ofEpochDay(tuple.get(0, Integer.class)), tuple.get(1, Integer.class));
  }

  private static int size(Iterable<?> items) {
    List<Object> all = new ArrayList<>();
    items.forEach(all::add);
    return all.size();
  }
}
