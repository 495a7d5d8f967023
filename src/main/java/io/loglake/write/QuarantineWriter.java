package io.loglake.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.loglake.LoglakeException;
import io.loglake.transform.ParseTransform;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes quarantined records as JSON lines under {@code <quarantine>/run_id=<run>/}, each holding
 * the raw text ({@code raw}), the {@code reason}, the {@code source_file} and the {@code run_id}; a
 * record whose bytes were not valid UTF-8 ({@code invalid_utf8}) also holds them unchanged in
 * {@code raw_base64}, since its {@code raw} shows U+FFFD in place of each bad sequence. Only then:
 * for valid UTF-8, {@code raw} is already exact and a copy would double the quarantine's size. One
 * folder per run: a rerun never overwrites what an earlier run set aside.
 */
public final class QuarantineWriter {
  private final String root;

  public QuarantineWriter(String root) {
    this.root = root;
  }

  /** The folder a run's records go to. */
  public String runPath(String runId) {
    return root.replaceAll("/+$", "") + "/run_id=" + runId;
  }

  /** Writes the quarantined rows of {@code parsed} (schema {@link ParseTransform#PARSED}). */
  public void write(Dataset<Row> parsed, String runId) {
    String target = runPath(runId);
    try {
      parsed
          .where(col(ParseTransform.OUTCOME).equalTo(ParseTransform.QUARANTINED))
          .select(
              col(ParseTransform.RAW),
              col(ParseTransform.RAW_BASE64),
              col(ParseTransform.REASON),
              col(ParseTransform.SOURCE_FILE),
              lit(runId).as("run_id"))
          .hint("rebalance")
          .write()
          .mode(SaveMode.ErrorIfExists)
          .json(target);
    } catch (RuntimeException e) {
      throw new LoglakeException(
          "Cannot write the quarantine at " + target + ": " + CuratedWriter.rootMessage(e),
          "check that the path is writable, then rerun the job (the curated output is already"
              + " written and a rerun rewrites it identically)",
          e);
    }
  }
}
