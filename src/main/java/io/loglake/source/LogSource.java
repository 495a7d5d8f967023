package io.loglake.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where raw records come from.
 *
 * <p>Contract: {@link #lines} returns raw lines with the schema {@code ParseTransform.LINES}, one row
 * per non-empty line, lazily (no action runs). A file that cannot be read (not GZIP, truncated)
 * yields the lines read before the failure and then one row with a null line and the error in
 * {@code read_error}: it never fails the job. A source that does not exist fails at once with a
 * {@link io.loglake.LoglakeException}.
 */
public interface LogSource {
  /** The files this source reads, resolved once (listing happens on the driver, data never does). */
  RawFiles files(SparkSession spark);

  /** A short human description for the run report, e.g. the path or table name. */
  String describe();

  /** The raw lines of {@code files} (a subset of {@link #files}). */
  default Dataset<Row> lines(SparkSession spark, RawFiles files) {
    return RawFileReader.read(spark, files);
  }
}
