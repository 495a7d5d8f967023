package io.loglake.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.loglake.LoglakeException;
import io.loglake.catalog.TableName;
import io.loglake.schema.CuratedPartition;
import io.loglake.schema.LogSchema;
import io.loglake.transform.CurateTransform;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.TimestampNTZType;

/**
 * Writes curated rows into an Apache Iceberg table (format-version 2, identity partitions {@code
 * dt}, {@code hr}, location = the curated path; see {@link io.loglake.catalog.IcebergCuratedTable})
 * in the session's catalog.
 *
 * <p>Contract: as {@link CuratedWriter}, a write merges and never replaces: {@link #newRows} drops
 * the rows the table already holds within the dedupe window, reading the table through Iceberg with
 * a filter on the candidate {@code dt}/{@code hr} partitions (Iceberg prunes by its manifests, no
 * listing); {@link #append} adds the rest as ONE Iceberg append commit. The commit is atomic: a
 * reader sees the table's snapshot before the run or after it, never part of a batch. A failure
 * throws {@link LoglakeException}; a write that fails before its commit adds nothing to the table
 * (its data files, if any, are orphans no snapshot names, which {@code remove_orphan_files}
 * removes).
 */
public final class IcebergCuratedWriter {
  private final TableName table;
  private final String path;
  private final Duration dedupeWindow;
  private final long targetFileBytes;

  /**
   * A writer into {@code table} at {@code path} that skips copies within {@code dedupeWindow} (0:
   * none) and aims at data files of {@code targetFileBytes}.
   */
  public IcebergCuratedWriter(
      TableName table, String path, Duration dedupeWindow, long targetFileBytes) {
    this.table = table;
    this.path = path;
    this.dedupeWindow = dedupeWindow;
    this.targetFileBytes = targetFileBytes;
  }

  /**
   * The rows of {@code rows} (curated schema, deduplicated among themselves) that the table does
   * not already hold within the dedupe window; only the partitions within the window of one of
   * {@code partitions} are read. Lazy.
   */
  public Dataset<Row> newRows(Dataset<Row> rows, Collection<CuratedPartition> partitions) {
    if (dedupeWindow.isZero() || partitions.isEmpty()) {
      return rows;
    }
    Set<CuratedPartition> candidates = new CuratedWriter(path, dedupeWindow).candidates(partitions);
    Dataset<Row> table = rows.sparkSession().table(this.table.quoted());
    if (table.schema().apply(LogSchema.TS).dataType() instanceof TimestampNTZType) {
      // A table created by Athena's DDL: its wall clock is UTC (see append).
      table = table.withColumn(LogSchema.TS, col(LogSchema.TS).cast(DataTypes.TimestampType));
    }
    Dataset<Row> existing = table.where(inPartitions(candidates));
    return CurateTransform.withoutRowsIn(rows, existing, dedupeWindow);
  }

  /** {@code (dt = d1 AND hr IN (…)) OR (dt = d2 AND hr IN (…)) …}: Iceberg prunes on it. */
  static Column inPartitions(Set<CuratedPartition> partitions) {
    Map<LocalDate, Set<Integer>> byDate = new TreeMap<>();
    partitions.forEach(p -> byDate.computeIfAbsent(p.dt(), d -> new TreeSet<>()).add(p.hr()));
    Column filter = lit(false);
    for (Map.Entry<LocalDate, Set<Integer>> date : byDate.entrySet()) {
      filter =
          filter.or(
              col(LogSchema.DT)
                  .equalTo(lit(java.sql.Date.valueOf(date.getKey())))
                  .and(col(LogSchema.HR).isin(date.getValue().toArray())));
    }
    return filter;
  }

  /**
   * Appends {@code rows} in one Iceberg commit: the write's one action. A table whose {@code ts} is
   * a timestamp without zone (what Athena's Iceberg DDL creates, sql/athena/ddl/06) gets the UTC
   * wall clock of each instant (the session's time zone is UTC); the job's own tables take {@code
   * ts} as it is.
   */
  public void append(Dataset<Row> rows) {
    try {
      DataType target =
          rows.sparkSession().table(table.quoted()).schema().apply(LogSchema.TS).dataType();
      Dataset<Row> out =
          target instanceof TimestampNTZType
              ? rows.withColumn(LogSchema.TS, col(LogSchema.TS).cast(DataTypes.TimestampNTZType))
              : rows;
      out.writeTo(table.quoted())
          .option("target-file-size-bytes", Long.toString(targetFileBytes))
          .append();
    } catch (Exception e) {
      throw new LoglakeException(
          "Cannot write the Iceberg table "
              + table
              + " at "
              + path
              + ": "
              + CuratedWriter.rootMessage(e),
          "no snapshot was committed, so the table is as before the run; rerun the job",
          e);
    }
  }
}
