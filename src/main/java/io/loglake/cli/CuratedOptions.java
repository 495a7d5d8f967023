package io.loglake.cli;

import io.loglake.catalog.TableName;
import io.loglake.config.ByteSize;
import io.loglake.config.EtlConfig;
import io.loglake.config.EtlConfigBuilder;
import io.loglake.config.EventTimeRange;
import io.loglake.config.LogLevels;
import io.loglake.config.LoglakeHome;
import io.loglake.config.MetricsTarget;
import io.loglake.transform.LevelNormalizer;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of the commands that write the curated table ({@code etl}, {@code stream}), shared as
 * a {@code @Mixin}: where the raw logs, the curated table, the quarantine and the state are, and
 * how records are kept, deduplicated and written. Defaults are those of {@link EtlConfig}.
 */
public final class CuratedOptions {
  @Mixin CuratedTableOptions table;

  @Mixin RetentionOptions retention;

  @Mixin PiiOptions pii;
  @Mixin QualityOptions quality;

  @Option(
      names = "--check",
      arity = "0..1",
      paramLabel = "true|false",
      description =
          "Check the data quality of the run (of each stream micro-batch that wrote something) with"
              + " the --max-*/--min-* thresholds, as loglake check does, over the partitions it wrote; the"
              + " result is the report's quality object. etl then exits 3 when a rule fails (the"
              + " data is written); stream prints the failed rules and goes on. Takes an optional"
              + " true/false, as Glue job arguments always have a value.")
  boolean check;

  @Option(
      names = "--no-compact",
      arity = "0..1",
      paramLabel = "true|false",
      description =
          "Do not compact, after an --incremental run or a stream's batch, the partitions that have"
              + " just passed the lateness window (--lookback). Takes an optional true/false, as"
              + " Glue job arguments always have a value.")
  boolean noCompact;

  @Option(
      names = "--raw",
      paramLabel = "PATH",
      description =
          "Raw zone to read (Firehose layout, GZIP or plain NDJSON). Default: $LOGLAKE_HOME/raw.")
  String raw;

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
      names = "--lookback",
      paramLabel = "DURATION",
      defaultValue = EtlConfig.DEFAULT_LOOKBACK_TEXT,
      converter = DurationConverter.class,
      description =
          "With --incremental or stream --source raw, list the hour folders from this long before the newest one already"
              + " processed to now + 1h (default: ${DEFAULT-VALUE}); an object that appears in an"
              + " older folder is not read.")
  Duration lookback;

  @Option(
      names = "--metrics",
      paramLabel = "none|cloudwatch",
      defaultValue = EtlConfig.DEFAULT_METRICS_TEXT,
      description =
          "Also publish the run report's counts and duration (each stream micro-batch's) to"
              + " CloudWatch: namespace loglake, dimension table. Region, endpoint and credentials"
              + " as the AWS SDK finds them (AWS_REGION, AWS_ENDPOINT_URL_CLOUDWATCH, the default"
              + " credential chain). A failed publication is a warning; the run still succeeds"
              + " (default: ${DEFAULT-VALUE}).")
  String metrics;

  /**
   * Sets these options on {@code config}; a bad value is a usage error naming its option (made by
   * {@code usage}). The raw path is set only when {@code withRaw}.
   */
  EtlConfigBuilder apply(
      EtlConfigBuilder config,
      LoglakeHome home,
      boolean withRaw,
      Function<String, ParameterException> usage) {
    if (withRaw) {
      config.rawPath(raw != null ? raw : home.raw().toString());
    }
    config.format(table.format(usage));
    TableName curatedTable = table.curatedTable(usage);
    if (curatedTable == null) {
      config.noRegister();
    } else {
      config.curatedTable(curatedTable);
    }
    try {
      Set<String> keep = LevelNormalizer.parseList(levels);
      LogLevels.check(keep);
      config.levels(keep);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --levels: " + e.getMessage());
    }
    config.targetFileBytes(table.targetFileBytes(usage));
    long lineLimit;
    try {
      lineLimit = ByteSize.parse(maxLineBytes);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --max-line-bytes: " + e.getMessage());
    }
    if (lineLimit < EtlConfig.MIN_MAX_LINE_BYTES || lineLimit > EtlConfig.MAX_MAX_LINE_BYTES) {
      throw usage.apply(
          "Invalid --max-line-bytes: must be between 1k and 1g, got '" + maxLineBytes + "'");
    }
    config.maxLineBytes((int) lineLimit);
    try {
      config.metrics(MetricsTarget.parse(metrics));
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --metrics: " + e.getMessage());
    }
    try {
      config.eventTimeRange(EventTimeRange.parse(eventTimeRange));
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --event-time-range: " + e.getMessage());
    }
    config.quality(check ? quality.config(usage) : null);
    return config
        .pii(pii.config(usage))
        .curatedPath(table.curatedPath(home))
        .quarantinePath(quarantine)
        .dedupeWindow(dedupeWindow)
        .statePath(table.state())
        .lookback(lookback)
        .compact(!noCompact)
        .snapshotRetention(retention.snapshotRetention)
        .retainLastSnapshots(retention.retainLastSnapshots)
        .orphanRetention(retention.orphanRetention);
  }

  static TableName tableName(
      String option, String value, Function<String, ParameterException> usage) {
    try {
      return TableName.parse(value);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid " + option + ": " + e.getMessage());
    }
  }
}
