package io.loglake.cli;

import io.loglake.LoglakeException;
import io.loglake.catalog.TableName;
import io.loglake.config.ByteSize;
import io.loglake.config.EtlConfig;
import io.loglake.config.EtlConfigBuilder;
import io.loglake.config.EventTimeRange;
import io.loglake.config.LoglakeHome;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.transform.LevelNormalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
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

  @Mixin CuratedTableOptions curatedOptions;

  @Mixin RetentionOptions retentionOptions;

  @Option(
      names = "--no-compact",
      arity = "0..1",
      paramLabel = "true|false",
      description =
          "After an --incremental run, do not compact the partitions that have just passed the"
              + " lateness window (--lookback). Takes an optional true/false, as Glue job"
              + " arguments always have a value.")
  boolean noCompact;

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
      names = "--max-line-bytes",
      paramLabel = "SIZE",
      defaultValue = EtlConfig.DEFAULT_MAX_LINE_SIZE,
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
      names = "--dedupe-window",
      paramLabel = "DURATION",
      defaultValue = EtlConfig.DEFAULT_DEDUPE_WINDOW,
      converter = DurationConverter.class,
      description =
          "Skip a record the curated table already holds (same event_id, else same content) with"
              + " an event time at most this far away; 0: no cross-run dedupe"
              + " (default: ${DEFAULT-VALUE}).")
  Duration dedupeWindow;

  @Option(
      names = "--incremental",
      arity = "0..1",
      paramLabel = "true|false",
      description =
          "Read only the raw objects no earlier successful --incremental run read (needs --raw"
              + " with the Firehose YYYY/MM/DD/HH layout), keeping the progress in --state. Takes"
              + " an optional true/false, as Glue job arguments always have a value.")
  boolean incremental;

  @Option(
      names = "--lookback",
      paramLabel = "DURATION",
      defaultValue = EtlConfig.DEFAULT_LOOKBACK_TEXT,
      converter = DurationConverter.class,
      description =
          "With --incremental, list the hour folders from this long before the newest one already"
              + " processed to now + 1h (default: ${DEFAULT-VALUE}); an object that appears in an"
              + " older folder is not read.")
  Duration lookback;

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
    emit(spark, EtlJob.run(spark, config));
    return Main.EXIT_OK;
  }

  /** The run's config from the options; a bad value is a usage error naming its option. */
  EtlConfig config(LoglakeHome home) {
    if (raw != null && table != null) {
      throw usage("Use either --raw or --table, not both");
    }
    if (incremental && table != null) {
      throw usage("Use --incremental with --raw (the raw zone's root), not --table");
    }
    EtlConfigBuilder config = EtlConfig.builder();
    if (table != null) {
      config.table(tableName("--table", table));
    } else {
      config.rawPath(raw != null ? raw : home.raw().toString());
    }
    config.format(curatedOptions.format(this::usage));
    TableName curatedTable = curatedOptions.curatedTable(this::usage);
    if (curatedTable == null) {
      config.noRegister();
    } else {
      config.curatedTable(curatedTable);
    }
    try {
      Set<String> keep = LevelNormalizer.parseList(levels);
      EtlConfig.checkLevels(keep);
      config.levels(keep);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid --levels: " + e.getMessage());
    }
    config.targetFileBytes(curatedOptions.targetFileBytes(this::usage));
    long lineLimit;
    try {
      lineLimit = ByteSize.parse(maxLineBytes);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid --max-line-bytes: " + e.getMessage());
    }
    if (lineLimit < EtlConfig.MIN_MAX_LINE_BYTES || lineLimit > EtlConfig.MAX_MAX_LINE_BYTES) {
      throw usage(
          "Invalid --max-line-bytes: must be between 1k and 1g, got '" + maxLineBytes + "'");
    }
    config.maxLineBytes((int) lineLimit);
    try {
      config.eventTimeRange(EventTimeRange.parse(eventTimeRange));
    } catch (IllegalArgumentException e) {
      throw usage("Invalid --event-time-range: " + e.getMessage());
    }
    try {
      return config
          .curatedPath(curatedOptions.curatedPath(home))
          .quarantinePath(quarantine)
          .reportPath(report)
          .dedupeWindow(dedupeWindow)
          .incremental(incremental)
          .statePath(curatedOptions.state())
          .lookback(lookback)
          .compact(!noCompact)
          .snapshotRetention(retentionOptions.snapshotRetention)
          .retainLastSnapshots(retentionOptions.retainLastSnapshots)
          .orphanRetention(retentionOptions.orphanRetention)
          .build();
    } catch (IllegalArgumentException e) {
      throw usage("Invalid arguments: " + e.getMessage());
    }
  }

  private TableName tableName(String option, String value) {
    try {
      return TableName.parse(value);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid " + option + ": " + e.getMessage());
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
