package io.loglake.cli;

import io.loglake.config.EtlConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The Iceberg retentions of a compaction, shared as a {@code @Mixin} by {@code etl} (automatic
 * compaction) and {@code compact}. Defaults are {@link EtlConfig}'s.
 */
public final class RetentionOptions {
  @Option(
      names = "--snapshot-retention",
      paramLabel = "DURATION",
      defaultValue = EtlConfig.DEFAULT_SNAPSHOT_RETENTION_TEXT,
      converter = DurationConverter.class,
      description =
          "Iceberg: a compaction expires snapshots older than this, longer than any reader or"
              + " stream batch uses one (default: ${DEFAULT-VALUE}).")
  Duration snapshotRetention;

  @Option(
      names = "--retain-last-snapshots",
      paramLabel = "N",
      defaultValue = "" + EtlConfig.DEFAULT_RETAIN_LAST_SNAPSHOTS,
      description = "Iceberg: never expire the newest N snapshots (default: ${DEFAULT-VALUE}).")
  int retainLastSnapshots;

  @Option(
      names = "--orphan-retention",
      paramLabel = "DURATION",
      defaultValue = EtlConfig.DEFAULT_ORPHAN_RETENTION_TEXT,
      converter = DurationConverter.class,
      description =
          "Iceberg: loglake compact deletes files no snapshot names once older than this, longer"
              + " than any write takes to commit (default: ${DEFAULT-VALUE}).")
  Duration orphanRetention;
}
