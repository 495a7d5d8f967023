package io.loglake.write;

import static org.apache.spark.sql.functions.col;

import io.loglake.LoglakeException;
import io.loglake.schema.LogSchema;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SaveMode;

/**
 * Writes curated rows as Snappy Parquet in Hive-style {@code dt=YYYY-MM-DD/hr=H/} partitions.
 *
 * <p>Contract: only the partitions that {@code rows} holds are replaced (dynamic partition
 * overwrite); every other partition stays as it was. Rows are rebalanced by partition so that each
 * partition gets one file, unless it is larger than the session's {@code
 * spark.sql.adaptive.advisoryPartitionSizeInBytes} (set from the target file size), in which case
 * adaptive execution splits it. A failure throws {@link LoglakeException}; Spark's commit protocol
 * leaves the partitions of a failed write untouched.
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
  private final String path;

  public CuratedWriter(String path) {
    this.path = path;
  }

  private static final Map<String, String> WRITE_SETTINGS =
      Map.of(
          "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS",
          "spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED");

  /** Runs the write: the one action of the main pass. */
  public void write(Dataset<Row> rows) {
    RuntimeConfig conf = rows.sparkSession().conf();
    Map<String, String> previous = new HashMap<>();
    WRITE_SETTINGS.forEach(
        (key, value) -> {
          previous.put(key, conf.contains(key) ? conf.get(key) : null);
          conf.set(key, value);
        });
    try {
      rows.hint("rebalance", col(LogSchema.DT).expr(), col(LogSchema.HR).expr())
          .write()
          .mode(SaveMode.Overwrite)
          .option("partitionOverwriteMode", "dynamic")
          .option("compression", "snappy")
          // Nearly every value of these columns is unique: a dictionary only costs hashing.
          .option("parquet.enable.dictionary#" + LogSchema.TIMESTAMP, "false")
          .option("parquet.enable.dictionary#" + LogSchema.TS, "false")
          .option("parquet.enable.dictionary#" + LogSchema.EVENT_ID, "false")
          .partitionBy(LogSchema.DT, LogSchema.HR)
          .parquet(path);
    } catch (RuntimeException e) {
      throw new LoglakeException(
          "Cannot write the curated zone at " + path + ": " + rootMessage(e),
          "check that the path is writable; partitions of this run were not replaced, so rerun the job",
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

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
