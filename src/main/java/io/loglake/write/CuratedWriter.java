package io.loglake.write;

import static org.apache.spark.sql.functions.col;

import io.loglake.LoglakeException;
import io.loglake.schema.CuratedPartition;
import io.loglake.schema.LogSchema;
import io.loglake.transform.CurateTransform;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes curated rows as Snappy Parquet in Hive-style {@code dt=YYYY-MM-DD/hr=H/} partitions.
 *
 * <p>Contract: a write merges, it never replaces. {@link #newRows} drops the rows the table already
 * holds (same dedupe key, event times at most the dedupe window apart), reading only the partitions
 * that can hold such a copy; {@link #append} adds the rest as new files beside the files already in
 * their partitions and removes nothing. Rows are rebalanced by partition so that each partition
 * gets one new file per write, unless it is larger than the session's {@code
 * spark.sql.adaptive.advisoryPartitionSizeInBytes} (set from the target file size), in which case
 * adaptive execution splits it. A write's files are named by Spark {@code part-NNNNN-<write
 * UUID>.c000.snappy.parquet}: one UUID per write, so a run's files are told apart by it. A failure
 * throws {@link LoglakeException}; Spark's commit protocol moves a task's files into the partitions
 * only when the job commits, so a failed write adds no file (a crash during the commit itself can
 * leave part of the files: see the README).
 *
 * <p>{@code ts} is written as Parquet's standard {@code INT64 TIMESTAMP(MICROS, UTC)}, not Spark's
 * default legacy {@code INT96}: Athena engine v3, Trino, Redshift Spectrum and DuckDB read it, the
 * Parquet format deprecates INT96, and Spark refuses to write an INT96 timestamp before 1900 (a
 * whole run failed on one such record). Dates and times are written in the proleptic Gregorian
 * calendar that all those readers use ({@code CORRECTED}: no rebasing to the hybrid Julian one), so
 * a widened {@code --event-time-range} cannot make the write fail either. Both settings apply to
 * this write only; the session's values are restored after it.
 */
public final class CuratedWriter {
  private static final Logger LOG = LoggerFactory.getLogger(CuratedWriter.class);
  private static final long MICROS_PER_HOUR = 3_600_000_000L;

  private final String path;
  private final Duration dedupeWindow;

  /** A writer into {@code path} that skips copies of rows within {@code dedupeWindow} (0: none). */
  public CuratedWriter(String path, Duration dedupeWindow) {
    this.path = path;
    this.dedupeWindow = dedupeWindow;
  }

  /**
   * The rows of {@code rows} (curated schema, deduplicated among themselves) that the table does
   * not already hold within the dedupe window. {@code partitions} are the partitions {@code rows}
   * fall in; only the existing partitions within the window of one of them are read (by path, never
   * a listing of the whole table). With a window of 0, or nothing to compare with, {@code rows} as
   * they are. Lazy: reads nothing until an action runs, apart from listing the candidate folders.
   */
  public Dataset<Row> newRows(Dataset<Row> rows, Collection<CuratedPartition> partitions) {
    if (dedupeWindow.isZero() || partitions.isEmpty()) {
      return rows;
    }
    List<String> existing = existingPartitionPaths(rows.sparkSession(), candidates(partitions));
    if (existing.isEmpty()) {
      return rows;
    }
    Dataset<Row> table =
        rows.sparkSession()
            .read()
            .schema(LogSchema.CURATED)
            .option("basePath", path)
            .parquet(existing.toArray(String[]::new));
    return CurateTransform.withoutRowsIn(rows, table, dedupeWindow);
  }

  /** What the curated zone holds before a write. */
  public enum Existing {
    /** No folder at all. */
    NONE,
    /** A folder with no {@code dt=} folder in it. */
    NO_PARTITION,
    /** At least one {@code dt=} folder. */
    PARTITIONS
  }

  /** What the curated zone holds now: one listing of its root. */
  public Existing existing(Configuration hadoopConf) {
    Path root = new Path(path);
    try {
      for (FileStatus child : root.getFileSystem(hadoopConf).listStatus(root)) {
        if (child.isDirectory() && child.getPath().getName().startsWith(LogSchema.DT + "=")) {
          return Existing.PARTITIONS;
        }
      }
      return Existing.NO_PARTITION;
    } catch (FileNotFoundException e) {
      return Existing.NONE;
    } catch (IOException e) {
      throw cannotList(e);
    }
  }

  /**
   * Whether a zone holding {@code existing} can hold a copy of a row of this write: partitions and
   * a dedupe window above 0. When it cannot, {@link #newRows} returns its rows as they are, so the
   * caller need not know the batch's partitions before the write (a first run into a new table is
   * then one pass).
   */
  public boolean mayHoldCopies(Existing existing) {
    return existing == Existing.PARTITIONS && !dedupeWindow.isZero();
  }

  /**
   * Removes the curated folder that a write of no row created (Spark's commit leaves its {@code
   * _SUCCESS} marker in it), so that a run that keeps nothing writes nothing; a folder holding
   * anything else is left alone. Call only when the folder did not exist before the write.
   */
  public void removeEmptyZone(Configuration hadoopConf) {
    Path root = new Path(path);
    try {
      FileSystem fs = root.getFileSystem(hadoopConf);
      for (FileStatus child : fs.listStatus(root)) {
        String name = child.getPath().getName();
        if (child.isDirectory() || !(name.equals("_SUCCESS") || name.equals("._SUCCESS.crc"))) {
          return;
        }
      }
      fs.delete(root, true);
    } catch (FileNotFoundException e) {
      // Nothing was created.
    } catch (IOException e) {
      LOG.warn("could not remove the empty curated folder {}: {}", path, e.getMessage());
    }
  }

  /**
   * The partitions that can hold a row within the dedupe window of a row in one of {@code
   * partitions}: each one's hour widened by the window on both sides.
   */
  Set<CuratedPartition> candidates(Collection<CuratedPartition> partitions) {
    long windowMicros = dedupeWindow.toNanos() / 1_000;
    Set<CuratedPartition> hours = new TreeSet<>();
    for (CuratedPartition partition : partitions) {
      long start = partition.epochHour() * MICROS_PER_HOUR;
      long first = Math.floorDiv(start - windowMicros, MICROS_PER_HOUR);
      long last = Math.floorDiv(start + MICROS_PER_HOUR - 1 + windowMicros, MICROS_PER_HOUR);
      for (long hour = first; hour <= last; hour++) {
        hours.add(CuratedPartition.ofEpochHour(hour));
      }
    }
    return hours;
  }

  /** The folders of {@code wanted} that exist, found by listing one {@code dt=} folder per date. */
  private List<String> existingPartitionPaths(SparkSession spark, Set<CuratedPartition> wanted) {
    Map<LocalDate, Set<Integer>> byDate = new TreeMap<>();
    wanted.forEach(p -> byDate.computeIfAbsent(p.dt(), d -> new TreeSet<>()).add(p.hr()));
    Path root = new Path(path);
    List<String> found = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (Map.Entry<LocalDate, Set<Integer>> date : byDate.entrySet()) {
        FileStatus[] hours;
        try {
          hours = fs.listStatus(new Path(root, LogSchema.DT + "=" + date.getKey()));
        } catch (FileNotFoundException e) {
          continue;
        }
        for (FileStatus hour : hours) {
          String name = hour.getPath().getName();
          if (hour.isDirectory() && name.startsWith(LogSchema.HR + "=")) {
            try {
              CuratedPartition partition =
                  CuratedPartition.parse(LogSchema.DT + "=" + date.getKey() + "/" + name);
              if (date.getValue().contains(partition.hr())) {
                found.add(hour.getPath().toString());
              }
            } catch (IllegalArgumentException notAPartition) {
              // Not a folder Spark wrote (e.g. hr=__HIVE_DEFAULT_PARTITION__): no curated rows.
            }
          }
        }
      }
    } catch (IOException e) {
      throw cannotList(e);
    }
    return found;
  }

  private LoglakeException cannotList(IOException e) {
    return new LoglakeException(
        "Cannot list the curated zone at " + path + " for rows already written: " + e.getMessage(),
        "check that the path is readable; nothing was written, so rerun the job",
        e);
  }

  private static final String COMMIT_PROTOCOL = "spark.sql.sources.commitProtocolClass";
  private static final String DEFAULT_COMMIT_PROTOCOL =
      "org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol";

  private static final Map<String, String> WRITE_SETTINGS =
      Map.of(
          "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS",
          "spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED");

  /**
   * Appends {@code rows} to their partitions, in files whose names start with {@code runId}: the
   * write's one action.
   */
  public void append(Dataset<Row> rows, String runId) {
    RuntimeConfig conf = rows.sparkSession().conf();
    Map<String, String> previous = new HashMap<>();
    Map<String, String> settings = new HashMap<>(WRITE_SETTINGS);
    // Only in place of Spark's default: a session that chose a committer (an S3 one) keeps it.
    if (DEFAULT_COMMIT_PROTOCOL.equals(conf.get(COMMIT_PROTOCOL, DEFAULT_COMMIT_PROTOCOL))) {
      settings.put(COMMIT_PROTOCOL, RunNamedCommitProtocol.class.getName());
    }
    settings.forEach(
        (key, value) -> {
          previous.put(key, conf.contains(key) ? conf.get(key) : null);
          conf.set(key, value);
        });
    try {
      removeStagingOfAKilledRun(rows.sparkSession());
      rows.hint("rebalance", col(LogSchema.DT).expr(), col(LogSchema.HR).expr())
          .write()
          .mode(SaveMode.Append)
          .option("compression", "snappy")
          .option(RunNamedCommitProtocol.RUN_ID, runId)
          // The commit path on S3 as well as on a disk: Hadoop's FileOutputCommitter, algorithm 1
          // (pinned: some platforms default to 2). Tasks stage under _temporary and only the job
          // commit moves their files into the partitions, so a failed or killed run before it adds
          // nothing. On S3 a move is a copy + delete (slow, and a run killed during the job
          // commit can leave part of its files): the files carry the run id and a rerun's
          // cross-run dedupe keeps each event once, so that stays correct. The S3A magic
          // committer would avoid the copies, but needs spark-hadoop-cloud's commit protocol and
          // Parquet binding (not served for Spark 3.5.6), which would also replace our run-named
          // files; the staging committers need a cluster file system Glue does not have.
          .option("mapreduce.fileoutputcommitter.algorithm.version", "1")
          // Nearly every value of these columns is unique: a dictionary only costs hashing.
          .option("parquet.enable.dictionary#" + LogSchema.TIMESTAMP, "false")
          .option("parquet.enable.dictionary#" + LogSchema.TS, "false")
          .option("parquet.enable.dictionary#" + LogSchema.EVENT_ID, "false")
          .partitionBy(LogSchema.DT, LogSchema.HR)
          .parquet(path);
    } catch (RuntimeException e) {
      throw new LoglakeException(
          "Cannot write the curated zone at " + path + ": " + rootMessage(e),
          "check that the path is writable; the rows already in the table are untouched, so rerun the job",
          e);
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              conf.unset(key);
            } else {
              conf.set(key, value);
            }
          });
    }
  }

  /**
   * Deletes {@code _temporary} under the table: what a run killed before its job commit left there
   * (task outputs it had committed). Hadoop's committer stages every run under the same {@code
   * _temporary/0}, so without this the next run's job commit would move that killed run's files
   * into the partitions beside its own, writing their rows twice (the dedupe had not seen them:
   * they were not in the table when it read). Assumes one writer at a time, as the run's commit
   * does.
   */
  private void removeStagingOfAKilledRun(SparkSession spark) {
    Path staging = new Path(path, "_temporary");
    try {
      FileSystem fs = staging.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(staging)) {
        fs.delete(staging, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
