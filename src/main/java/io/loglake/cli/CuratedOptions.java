package io.loglake.cli;

import io.loglake.catalog.TableName;
import io.loglake.config.ByteSize;
import io.loglake.config.EtlConfig;
import io.loglake.config.EtlConfigBuilder;
import io.loglake.config.EventTimeRange;
import io.loglake.config.LoglakeHome;
import io.loglake.config.TableFormat;
import io.loglake.transform.LevelNormalizer;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of the commands that write the curated table ({@code etl}, {@code stream}), shared as
 * a {@code @Mixin}: where the raw logs, the curated table, the quarantine and the state are, and
 * how records are kept, deduplicated and written. Defaults are those of {@link EtlConfig}.
 */
public final class CuratedOptions {
  @Option(
      names = "--raw",
      paramLabel = "PATH",
      description =
          "Raw zone to read (Firehose layout, GZIP or plain NDJSON). Default: $LOGLAKE_HOME/raw.")
  String raw;

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
      names = "--target-file-size",
      paramLabel = "SIZE",
      defaultValue = EtlConfig.DEFAULT_TARGET_FILE_SIZE,
      description =
          "A partition larger than this is split into several files (default: ${DEFAULT-VALUE}).")
  String targetFileSize;

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

  @Option(
      names = "--state",
      paramLabel = "PATH",
      description =
          "Where --incremental and stream keep their progress (any Hadoop path). Default: a "
              + EtlConfig.DEFAULT_STATE_FOLDER
              + " folder beside --curated.")
  String state;

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
      names = "--format",
      paramLabel = "parquet|iceberg",
      defaultValue = EtlConfig.DEFAULT_FORMAT_TEXT,
      description =
          "The curated table's format, chosen when the table is created: Hive-style Parquet"
              + " folders, or an Iceberg table (format-version 2, one atomic commit per run). A run"
              + " whose format differs from the existing table's is refused (default:"
              + " ${DEFAULT-VALUE}).")
  String format;

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
    TableFormat tableFormat;
    try {
      tableFormat = TableFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --format: " + e.getMessage());
    }
    if (noRegister && tableFormat == TableFormat.ICEBERG) {
      throw usage.apply(
          "Use --no-register with --format parquet only: an Iceberg table is its catalog entry,"
              + " there is nothing to write without it");
    }
    config.format(tableFormat);
    if (noRegister) {
      config.noRegister();
    } else {
      config.curatedTable(tableName("--curated-table", curatedTable, usage));
    }
    try {
      Set<String> keep = LevelNormalizer.parseList(levels);
      EtlConfig.checkLevels(keep);
      config.levels(keep);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --levels: " + e.getMessage());
    }
    try {
      config.targetFileBytes(ByteSize.parse(targetFileSize));
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --target-file-size: " + e.getMessage());
    }
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
      config.eventTimeRange(EventTimeRange.parse(eventTimeRange));
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --event-time-range: " + e.getMessage());
    }
    return config
        .curatedPath(curated != null ? curated : home.curated().toString())
        .quarantinePath(quarantine)
        .dedupeWindow(dedupeWindow)
        .statePath(state)
        .lookback(lookback);
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
