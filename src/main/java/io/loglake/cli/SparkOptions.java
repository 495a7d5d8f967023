package io.loglake.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of a command that runs on Spark, shared as a {@code @Mixin}: {@code --master}, the
 * master of a local run (under spark-submit, Glue or EMR the platform's master is used whatever is
 * given), and {@code --conf key=value}, Spark settings that win over loglake's own and the
 * environment's (see {@link io.loglake.job.SparkSessionFactory}).
 */
public final class SparkOptions {
  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master for a local run (default: local[*]; ignored under spark-submit).")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "A Spark setting, as spark-submit --conf takes it (repeatable), e.g."
              + " spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000. Wins over loglake's own"
              + " settings and the AWS_* environment. Under spark-submit or Glue only runtime"
              + " settings can be given: a static one fails the run.")
  Map<String, String> conf = new LinkedHashMap<>();

  /** The master asked for, or null for the default ({@code local[*]}, or the platform's). */
  public String master() {
    return master;
  }

  /** The {@code --conf} settings, in the order given (a repeated key: the last value). */
  public Map<String, String> conf() {
    return conf == null ? Map.of() : conf;
  }
}
