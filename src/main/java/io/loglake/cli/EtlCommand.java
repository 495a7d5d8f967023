package io.loglake.cli;

import io.loglake.LoglakeException;
import io.loglake.config.EtlConfig;
import io.loglake.config.EtlConfigBuilder;
import io.loglake.config.LoglakeHome;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code loglake etl}: raw logs → curated dt/hr Parquet, quarantine and run report. */
@Command(
    name = "etl",
    mixinStandardHelpOptions = true,
    description = "Run the ETL job: raw logs -> curated Parquet partitioned by dt/hr.")
public final class EtlCommand extends SparkCommand {
  @Mixin SparkOptions sparkOptions;

  @Mixin CuratedOptions curatedOptions;

  @Option(
      names = "--table",
      paramLabel = "DB.TABLE",
      arity = "0..1",
      fallbackValue = EtlConfig.DEFAULT_TABLE,
      description =
          "Read the catalog table's files instead of --raw (default table: ${FALLBACK-VALUE}).")
  String table;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the JSON run report here (any Hadoop path). Default: print it.")
  String report;

  @Option(
      names = "--incremental",
      arity = "0..1",
      paramLabel = "true|false",
      description =
          "Read only the raw objects no earlier successful --incremental run read (needs --raw"
              + " with the Firehose YYYY/MM/DD/HH layout), keeping the progress in --state. Takes"
              + " an optional true/false, as Glue job arguments always have a value.")
  boolean incremental;

  @Override
  String master() {
    return sparkOptions.master();
  }

  @Override
  boolean progressBar() {
    return System.console() != null;
  }

  @Override
  int execute() {
    EtlConfig config = config(home());
    SparkSession spark = spark();
    RunReport result = EtlJob.run(spark, config);
    emit(spark, result);
    if (result.quality() == null) {
      return Main.EXIT_OK;
    }
    // On stderr: stdout may be the report's JSON.
    result.quality().lines().forEach(err()::println);
    err().flush();
    return result.quality().passed() ? Main.EXIT_OK : Main.EXIT_QUALITY;
  }

  /** The run's config from the options; a bad value is a usage error naming its option. */
  EtlConfig config(LoglakeHome home) {
    if (curatedOptions.raw != null && table != null) {
      throw usage("Use either --raw or --table, not both");
    }
    if (incremental && table != null) {
      throw usage("Use --incremental with --raw (the raw zone's root), not --table");
    }
    EtlConfigBuilder config = EtlConfig.builder();
    if (table != null) {
      config.table(CuratedOptions.tableName("--table", table, this::usage));
    }
    curatedOptions.apply(config, home, table == null, this::usage);
    try {
      return config.reportPath(report).incremental(incremental).build();
    } catch (IllegalArgumentException e) {
      throw usage("Invalid arguments: " + e.getMessage());
    }
  }

  private void emit(SparkSession spark, RunReport result) {
    if (report == null) {
      out().println(result.toJson());
      out().flush();
      return;
    }
    Path path = new Path(report);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(path, true)) {
        out.write(result.toJson().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot write the run report to " + report + ": " + e.getMessage(),
          "check that the folder is writable; the curated output is written, the summary is in the log",
          e);
    }
  }
}
