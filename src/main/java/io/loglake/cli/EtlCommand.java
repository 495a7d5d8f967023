package io.loglake.cli;

import io.loglake.LoglakeException;
import io.loglake.config.ByteSize;
import io.loglake.config.EtlConfig;
import io.loglake.config.EventTimeRange;
import io.loglake.config.LoglakeHome;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.job.SparkSessionFactory;
import io.loglake.transform.LevelNormalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loglake etl}: raw logs → curated dt/hr Parquet, quarantine and run report. */
@Command(
    name = "etl",
    mixinStandardHelpOptions = true,
    description = "Run the ETL job: raw logs -> curated Parquet partitioned by dt/hr.")
public final class EtlCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--raw",
      paramLabel = "PATH",
      description =
          "Raw zone to read (Firehose layout, GZIP or plain NDJSON). Default: $LOGLAKE_HOME/raw.")
  String raw;

  @Option(
      names = "--table",
      paramLabel = "DB.TABLE",
      arity = "0..1",
      fallbackValue = EtlConfig.DEFAULT_TABLE,
      description =
          "Read the catalog table's files instead of --raw (default table: ${FALLBACK-VALUE}).")
  String table;

  @Option(
      names = "--curated",
      paramLabel = "PATH",
      description = "Curated Parquet output. Default: $LOGLAKE_HOME/curated.")
  String curated;

  @Option(
      names = "--quarantine",
      paramLabel = "PATH",
      description = "Where bad records go. Default: a _quarantine folder beside --curated.")
  String quarantine;

  @Option(
      names = "--levels",
      paramLabel = "LIST",
      defaultValue = EtlConfig.DEFAULT_LEVELS,
      description = "Levels to keep, comma-separated (default: ${DEFAULT-VALUE}).")
  String levels;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the JSON run report here (any Hadoop path). Default: print it.")
  String report;

  @Option(
      names = "--target-file-size",
      paramLabel = "SIZE",
      defaultValue = "128m",
      description =
          "A partition larger than this is split into several files (default: ${DEFAULT-VALUE}).")
  String targetFileSize;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "SIZE",
      defaultValue = "1m",
      description =
          "A raw line longer than this is quarantined as line_too_long with its first KiB"
              + " (default: ${DEFAULT-VALUE}; between 1k and 1g).")
  String maxLineBytes;

  @Option(
      names = "--event-time-range",
      paramLabel = "FROM/TO",
      defaultValue = EventTimeRange.DEFAULT_TEXT,
      description =
          "Event times to keep, FROM inclusive, TO exclusive (ISO-8601 instants with an offset, or"
              + " dates = midnight UTC); others go to the quarantine as timestamp_out_of_range"
              + " (default: ${DEFAULT-VALUE}).")
  String eventTimeRange;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master for a local run (default: local[*]; ignored under spark-submit).")
  String master;

  @Option(
      names = "--curated-table",
      paramLabel = "DB.TABLE",
      defaultValue = EtlConfig.DEFAULT_CURATED_TABLE,
      description =
          "Catalog table the written partitions are registered in (default: ${DEFAULT-VALUE}).")
  String curatedTable;

  @Option(
      names = "--no-register",
      description = "Do not create or update the curated table in the catalog.")
  boolean noRegister;

  @Override
  public Integer call() {
    LoglakeHome home = LoglakeHome.fromEnvironment();
    EtlConfig config = config(home);
    return SparkSessionFactory.withSession(
        "loglake-etl",
        master,
        home,
        System.console() != null,
        spark -> {
          emit(spark, EtlJob.run(spark, config));
          return Main.EXIT_OK;
        });
  }

  EtlConfig config(LoglakeHome home) {
    if (raw != null && table != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Use either --raw or --table, not both");
    }
    Set<String> keep;
    long targetBytes;
    EventTimeRange range;
    try {
      keep = LevelNormalizer.parseList(levels);
      EtlConfig.checkLevels(keep);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --levels: " + e.getMessage());
    }
    try {
      targetBytes = ByteSize.parse(targetFileSize);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --target-file-size: " + e.getMessage());
    }
    long lineLimit;
    try {
      lineLimit = ByteSize.parse(maxLineBytes);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --max-line-bytes: " + e.getMessage());
    }
    if (lineLimit < EtlConfig.MIN_MAX_LINE_BYTES || lineLimit > EtlConfig.MAX_MAX_LINE_BYTES) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid --max-line-bytes: must be between 1k and 1g, got '" + maxLineBytes + "'");
    }
    try {
      range = EventTimeRange.parse(eventTimeRange);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --event-time-range: " + e.getMessage());
    }
    String rawPath = table == null ? (raw != null ? raw : home.raw().toString()) : null;
    try {
      return new EtlConfig(
          rawPath,
          table,
          curated != null ? curated : home.curated().toString(),
          quarantine,
          keep,
          report,
          targetBytes,
          noRegister ? null : curatedTable,
          range,
          (int) lineLimit);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid arguments: " + e.getMessage());
    }
  }

  private void emit(SparkSession spark, RunReport result) {
    if (report == null) {
      spec.commandLine().getOut().println(result.toJson());
      spec.commandLine().getOut().flush();
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
