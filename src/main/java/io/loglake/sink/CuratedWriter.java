package io.loglake.sink;

import static org.apache.spark.sql.functions.col;

import io.loglake.LoglakeException;
import io.loglake.schema.LogSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes curated rows as Snappy Parquet in Hive-style {@code dt=YYYY-MM-DD/hr=H/} partitions.
 *
 * <p>Contract: only the partitions that {@code rows} holds are replaced (dynamic partition
 * overwrite); every other partition stays as it was. Rows are rebalanced by partition so that each
 * partition gets one file, unless it is larger than the session's
 * {@code spark.sql.adaptive.advisoryPartitionSizeInBytes} (set from the target file size), in
 * which case adaptive execution splits it. A failure throws {@link LoglakeException}; Spark's
 * commit protocol leaves the partitions of a failed write untouched.
 */
public final class CuratedWriter {
  private final String path;

  public CuratedWriter(String path) {
    this.path = path;
  }

  /** Runs the write: the one action of the main pass. */
  public void write(Dataset<Row> rows) {
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
