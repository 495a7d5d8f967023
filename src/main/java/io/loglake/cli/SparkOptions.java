package io.loglake.cli;

import picocli.CommandLine.Option;

/**
 * The options of a command that runs on Spark, shared as a {@code @Mixin}: {@code --master}, the
 * master of a local run. Under spark-submit, Glue or EMR the platform's master is used whatever is
 * given (see {@link io.loglake.job.SparkSessionFactory}).
 */
public final class SparkOptions {
  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master for a local run (default: local[*]; ignored under spark-submit).")
  String master;

  /** The master asked for, or null for the default ({@code local[*]}, or the platform's). */
  public String master() {
    return master;
  }
}
