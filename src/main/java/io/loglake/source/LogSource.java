package io.loglake.source;

import org.apache.spark.sql.SparkSession;

/**
 * Where raw records come from.
 *
 * <p>Contract: {@link #files} lists the files once, on the driver, sorted by path; a source that
 * does not exist fails at once with a {@link io.loglake.LoglakeException}. The files are read by
 * {@link RawFileReader}, which reports a file it cannot read (not NDJSON text, damaged) instead of
 * failing the job.
 */
public interface LogSource {
  /**
   * The files this source reads, resolved once (listing happens on the driver, data never does).
   */
  RawFiles files(SparkSession spark);

  /** Why the last {@link #files} found no file, for the run's warning. */
  default String noFilesReason() {
    return "it holds no file (names starting with _ or . are skipped)";
  }

  /** A short human description for the run report, e.g. the path or table name. */
  String describe();
}
