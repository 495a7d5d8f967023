package io.loglake.quality;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;

import io.loglake.LoglakeException;
import io.loglake.catalog.TableName;
import io.loglake.config.TableFormat;
import io.loglake.schema.CuratedPartition;
import io.loglake.schema.LogSchema;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The curated table a check reads: Parquet by location ({@code --curated}: no catalog needed, so a
 * check can run beside a local stream, which holds the embedded metastore), reading only the {@code
 * dt=…/hr=…} folders of the hours asked for (one listing per date, never the whole table); Iceberg
 * through the catalog ({@code --curated-table}: the table is its catalog entry), its partition
 * filters pruning the files.
 */
public final class CuratedHours {
  private final SparkSession spark;
  private final TableFormat format;
  private final String curatedPath;
  private final TableName table;

  public CuratedHours(SparkSession spark, TableFormat format, String curatedPath, TableName table) {
    this.spark = spark;
    this.format = format;
    this.curatedPath = curatedPath;
    this.table = table;
    if (format == TableFormat.ICEBERG && table == null) {
      throw new IllegalArgumentException("an Iceberg table is read through its catalog entry");
    }
  }

  /** What is read, for messages. */
  public String describe() {
    return format == TableFormat.ICEBERG ? "table " + table : curatedPath;
  }

  /** Whether there is a table to check (the curated folder, or the catalog's table). */
  public boolean exists() {
    if (format == TableFormat.ICEBERG) {
      return spark.catalog().tableExists(table.database(), table.table());
    }
    try {
      Path root = new Path(curatedPath);
      return root.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(root);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The rows of {@code hours} (a superset for Iceberg: the aggregate filters them again). */
  public Dataset<Row> rows(Collection<CuratedPartition> hours) {
    if (format == TableFormat.ICEBERG) {
      // The catalog may hold the table as it was before a write from another session (a Kafka
      // micro-batch writes through its own clone): read the snapshot it points to now.
      spark.catalog().refreshTable(table.quoted());
      return spark.table(table.quoted());
    }
    Set<Long> wanted = new TreeSet<>();
    hours.forEach(h -> wanted.add(h.epochHour()));
    List<String> folders = new ArrayList<>();
    for (LocalDate date : hours.stream().map(CuratedPartition::dt).distinct().toList()) {
      for (CuratedPartition hour : hoursOf(date)) {
        if (wanted.contains(hour.epochHour())) {
          folders.add(curatedPath.replaceAll("/+$", "") + "/" + hour.pathSegment());
        }
      }
    }
    if (folders.isEmpty()) {
      return spark.createDataFrame(List.<Row>of(), LogSchema.CURATED);
    }
    return spark
        .read()
        .schema(LogSchema.CURATED)
        .option("basePath", curatedPath)
        .parquet(folders.toArray(String[]::new));
  }

  /** The newest hour with a partition that was over at {@code now}, or empty when none. */
  public Optional<CuratedPartition> newestCompleteHour(Instant now) {
    long current = Math.floorDiv(now.getEpochSecond(), 3600);
    if (format == TableFormat.ICEBERG) {
      // One row: the aggregate of the partition values.
      Row newest =
          spark
              .table(table.quoted())
              .where(expr(CuratedPartition.EPOCH_HOUR_SQL + " < " + current))
              .agg(max(expr(CuratedPartition.EPOCH_HOUR_SQL)))
              .first();
      return newest.isNullAt(0)
          ? Optional.empty()
          : Optional.of(CuratedPartition.ofEpochHour(((Number) newest.get(0)).longValue()));
    }
    List<LocalDate> dates = new ArrayList<>();
    for (FileStatus status : list(new Path(curatedPath))) {
      LocalDate date = value(status, LogSchema.DT, LocalDate::parse);
      if (date != null) {
        dates.add(date);
      }
    }
    dates.sort(Comparator.reverseOrder());
    for (LocalDate date : dates) {
      Optional<CuratedPartition> newest =
          hoursOf(date).stream()
              .filter(h -> h.epochHour() < current)
              .max(Comparator.naturalOrder());
      if (newest.isPresent()) {
        return newest;
      }
    }
    return Optional.empty();
  }

  /** The {@code hr=} folders under {@code dt=date}. */
  private List<CuratedPartition> hoursOf(LocalDate date) {
    Path folder = new Path(curatedPath.replaceAll("/+$", "") + "/" + LogSchema.DT + "=" + date);
    List<CuratedPartition> hours = new ArrayList<>();
    for (FileStatus status : list(folder)) {
      Integer hour = value(status, LogSchema.HR, Integer::valueOf);
      if (hour != null && hour >= 0 && hour <= 23) {
        hours.add(new CuratedPartition(date, hour));
      }
    }
    return hours;
  }

  private static <T> T value(
      FileStatus status, String column, java.util.function.Function<String, T> parse) {
    String name = status.getPath().getName();
    if (!status.isDirectory() || !name.startsWith(column + "=")) {
      return null;
    }
    try {
      return parse.apply(name.substring(column.length() + 1));
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  private List<FileStatus> list(Path folder) {
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(folder)) {
        return List.of();
      }
      return List.of(fs.listStatus(folder));
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private LoglakeException unreadable(IOException e) {
    return new LoglakeException(
        "Cannot read the curated zone " + curatedPath + ": " + e.getMessage(),
        "check the path and that its file system is reachable (credentials, endpoint)",
        e);
  }
}
