package io.loglake.cli;

import io.loglake.catalog.CuratedTableFormat;
import io.loglake.config.CompactionSettings;
import io.loglake.config.EtlConfig;
import io.loglake.config.LoglakeHome;
import io.loglake.job.Compaction;
import io.loglake.job.CompactionReport;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loglake compact}: rewrites the small files of every curated partition whose hour ended
 * more than {@code --older-than} ago; with Iceberg, also expires old snapshots and deletes old
 * orphan files.
 */
@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    description =
        "Compact the curated table's small files in the partitions past the lateness window.")
public final class CompactCommand extends SparkCommand {
  @Mixin SparkOptions sparkOptions;

  @Mixin CuratedTableOptions curatedOptions;

  @Mixin RetentionOptions retentionOptions;

  @Option(
      names = "--older-than",
      paramLabel = "DURATION",
      defaultValue = EtlConfig.DEFAULT_LOOKBACK_TEXT,
      converter = DurationConverter.class,
      description =
          "Compact only the partitions whose hour ended more than this long ago: the lateness"
              + " window, etl's --lookback (default: ${DEFAULT-VALUE}).")
  Duration olderThan;

  @Override
  String master() {
    return sparkOptions.master();
  }

  @Override
  int execute() {
    CompactionSettings settings = settings(home());
    SparkSession spark = spark();
    if (settings.curatedTable() != null) {
      CuratedTableFormat.check(spark, settings.curatedTable(), settings.format());
    }
    CompactionReport report = Compaction.run(spark, settings, Instant.now().minus(olderThan));
    out().println(report.toJson());
    out().flush();
    err().println("loglake compact: " + report.summary());
    err().flush();
    return Main.EXIT_OK;
  }

  /** The compaction's settings from the options; a bad value is a usage error. */
  CompactionSettings settings(LoglakeHome home) {
    try {
      return new CompactionSettings(
          curatedOptions.curatedPath(home),
          curatedOptions.curatedTable(this::usage),
          curatedOptions.format(this::usage),
          curatedOptions.state(),
          curatedOptions.targetFileBytes(this::usage),
          retentionOptions.snapshotRetention,
          retentionOptions.retainLastSnapshots,
          retentionOptions.orphanRetention);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid arguments: " + e.getMessage());
    }
  }

  /** Older-than as parsed (tests). */
  Duration olderThan() {
    return olderThan;
  }
}
