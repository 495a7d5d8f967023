package io.loglake.write;

import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.spark.internal.io.FileNameSpec;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import scala.Option;

/**
 * Spark's default commit protocol, with each file's name starting with the run that wrote it:
 * {@code <run id>-part-NNNNN-<write UUID>.c000.snappy.parquet}, so a run's files in the curated
 * zone can be found by name. The run id comes from the write's option {@link #RUN_ID} (write
 * options are in the tasks' Hadoop configuration); without it names are Spark's. Committing is
 * unchanged.
 */
public final class RunNamedCommitProtocol extends SQLHadoopMapReduceCommitProtocol {
  /** The write option (and so Hadoop configuration key) that holds the run id. */
  public static final String RUN_ID = "loglake.run.id";

  private static final long serialVersionUID = 1L;

  public RunNamedCommitProtocol(String jobId, String path, boolean dynamicPartitionOverwrite) {
    super(jobId, path, dynamicPartitionOverwrite);
  }

  @Override
  public String newTaskTempFile(TaskAttemptContext task, Option<String> dir, FileNameSpec spec) {
    String runId = task.getConfiguration().get(RUN_ID);
    if (runId == null || runId.isBlank()) {
      return super.newTaskTempFile(task, dir, spec);
    }
    return super.newTaskTempFile(
        task, dir, new FileNameSpec(runId + "-" + spec.prefix(), spec.suffix()));
  }
}
