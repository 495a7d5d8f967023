package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.catalog.TableName;
import io.loglake.config.IpMask;
import io.loglake.config.LoglakeHome;
import io.loglake.config.MetricsTarget;
import io.loglake.config.QualityConfig;
import io.loglake.config.StreamConfig;
import io.loglake.config.TableFormat;
import io.loglake.pii.EnvironmentHashKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code loglake stream} option mapped to its config field, every default pinned, and the
 * combinations that are usage errors (exit 2).
 */
class StreamCommandConfigTest {
  private static final Set<String> COVERED =
      Set.of(
          "--raw",
          "--curated",
          "--quarantine",
          "--levels",
          "--target-file-size",
          "--max-line-bytes",
          "--event-time-range",
          "--dedupe-window",
          "--master",
          "--conf",
          "--curated-table",
          "--no-register",
          "--state",
          "--lookback",
          "--format",
          "--source",
          "--bootstrap-servers",
          "--topic",
          "--fail-on-data-loss",
          "--trigger",
          "--max-batches",
          "--once",
          "--no-compact",
          "--snapshot-retention",
          "--retain-last-snapshots",
          "--orphan-retention",
          "--metrics",
          "--mask-ip",
          "--hash-user-id",
          "--hash-key-env",
          "--hash-key-secret",
          "--check",
          "--max-quarantine-rate",
          "--max-missing-service",
          "--min-volume-ratio",
          "--max-volume-ratio",
          "--min-baseline-rows",
          "-h",
          "--help",
          "-V",
          "--version");

  @TempDir Path dir;

  private StreamCommand parse(String... args) {
    StreamCommand command = new StreamCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private StreamConfig config(String... args) {
    return parse(args).config(new LoglakeHome(dir));
  }

  @Test
  void everyOptionIsCoveredHere() {
    Set<String> options =
        new TreeSet<>(new CommandLine(new StreamCommand()).getCommandSpec().optionsMap().keySet());
    assertThat(options).isEqualTo(new TreeSet<>(COVERED));
  }

  @Test
  void withNoOptionTheStreamReadsTheRawZoneIncrementallyEveryTenSecondsUntilStopped() {
    StreamConfig config = config();

    assertThat(config.source()).isEqualTo(StreamConfig.Source.RAW);
    assertThat(config.etl().incremental()).isTrue();
    assertThat(config.etl().rawPath()).isEqualTo(dir.resolve("raw").toString());
    assertThat(config.etl().curatedPath()).isEqualTo(dir.resolve("curated").toString());
    assertThat(config.etl().statePath()).isEqualTo(dir.resolve("_loglake_state").toString());
    assertThat(config.streamStatePath()).isEqualTo(dir.resolve("_loglake_state/stream").toString());
    assertThat(config.etl().dedupeWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(config.etl().lookback()).isEqualTo(Duration.ofHours(3));
    assertThat(config.etl().format()).isEqualTo(TableFormat.PARQUET);
    assertThat(config.etl().curatedTable())
        .isEqualTo(new TableName("logs_analytics", "app_logs_curated"));
    assertThat(config.bootstrapServers()).isNull();
    assertThat(config.topic()).isNull();
    assertThat(config.failOnDataLoss()).isTrue();
    assertThat(config.trigger()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxBatches()).isZero();
    assertThat(config.once()).isFalse();
    assertThat(config.etl().compact()).isTrue();
    assertThat(config.etl().compaction().snapshotRetention()).isEqualTo(Duration.ofDays(5));
    assertThat(config.etl().compaction().retainLastSnapshots()).isEqualTo(10);
    assertThat(config.etl().compaction().orphanRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(config.etl().metrics()).isEqualTo(MetricsTarget.NONE);
    assertThat(config.etl().pii().ipMask()).isEqualTo(IpMask.NONE);
    assertThat(config.etl().pii().hashUserId()).isFalse();
    assertThat(config.etl().pii().keySource()).isNull();
    assertThat(config.etl().quality()).isNull();
  }

  @Test
  void everyOptionReachesItsField() {
    StreamCommand command =
        parse(
            "--source",
            "KAFKA",
            "--bootstrap-servers",
            "127.0.0.1:9092,127.0.0.1:9093",
            "--topic",
            "app-logs",
            "--fail-on-data-loss",
            "false",
            "--trigger",
            "1m30s",
            "--max-batches",
            "7",
            "--once",
            "--curated",
            "s3a://b/curated/",
            "--quarantine",
            "s3a://b/q/",
            "--levels",
            "error",
            "--target-file-size",
            "64m",
            "--max-line-bytes",
            "4k",
            "--event-time-range",
            "1990-01-01/2030-01-01",
            "--dedupe-window",
            "90m",
            "--curated-table",
            "db1.curated1",
            "--state",
            "s3a://b/state/",
            "--lookback",
            "2h",
            "--format",
            "iceberg",
            "--no-compact",
            "--snapshot-retention",
            "2d",
            "--retain-last-snapshots",
            "4",
            "--orphan-retention",
            "36h",
            "--metrics",
            "cloudwatch",
            "--mask-ip",
            "hash",
            "--hash-user-id",
            "--hash-key-env",
            "STREAM_KEY",
            "--check",
            "--max-quarantine-rate",
            "0.2",
            "--max-missing-service",
            "0.3",
            "--min-volume-ratio",
            "0.25",
            "--max-volume-ratio",
            "4",
            "--min-baseline-rows",
            "7",
            "--master",
            "local[3]",
            "--conf",
            "spark.sql.shuffle.partitions=3",
            "--conf",
            "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000=x");
    StreamConfig config = command.config(new LoglakeHome(dir));

    assertThat(config.source()).isEqualTo(StreamConfig.Source.KAFKA);
    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9093");
    assertThat(config.topic()).isEqualTo("app-logs");
    assertThat(config.failOnDataLoss()).isFalse();
    assertThat(config.trigger()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.maxBatches()).isEqualTo(7);
    assertThat(config.once()).isTrue();
    assertThat(config.etl().incremental()).isFalse();
    assertThat(config.etl().curatedPath()).isEqualTo("s3a://b/curated/");
    assertThat(config.etl().quarantinePath()).isEqualTo("s3a://b/q/");
    assertThat(config.etl().levels()).containsExactly("ERROR");
    assertThat(config.etl().targetFileBytes()).isEqualTo(67_108_864L);
    assertThat(config.etl().maxLineBytes()).isEqualTo(4096);
    assertThat(config.etl().dedupeWindow()).isEqualTo(Duration.ofMinutes(90));
    assertThat(config.etl().curatedTable()).isEqualTo(new TableName("db1", "curated1"));
    assertThat(config.etl().statePath()).isEqualTo("s3a://b/state/");
    assertThat(config.streamStatePath()).isEqualTo("s3a://b/state/stream");
    assertThat(config.etl().lookback()).isEqualTo(Duration.ofHours(2));
    assertThat(config.etl().format()).isEqualTo(TableFormat.ICEBERG);
    assertThat(config.etl().compact()).isFalse();
    assertThat(config.etl().compaction().snapshotRetention()).isEqualTo(Duration.ofDays(2));
    assertThat(config.etl().compaction().retainLastSnapshots()).isEqualTo(4);
    assertThat(config.etl().compaction().orphanRetention()).isEqualTo(Duration.ofHours(36));
    assertThat(config.etl().metrics()).isEqualTo(MetricsTarget.CLOUDWATCH);
    assertThat(config.etl().pii().ipMask()).isEqualTo(IpMask.HASH);
    assertThat(config.etl().pii().hashUserId()).isTrue();
    assertThat(config.etl().pii().keySource())
        .isInstanceOfSatisfying(
            EnvironmentHashKey.class, k -> assertThat(k.name()).isEqualTo("STREAM_KEY"));
    assertThat(config.etl().quality()).isEqualTo(new QualityConfig(0.2, 0.3, 0.25, 4.0, 7));
    assertThat(command.master()).isEqualTo("local[3]");
    assertThat(command.sparkConf())
        .containsExactly(
            Map.entry("spark.sql.shuffle.partitions", "3"),
            Map.entry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000=x"));
  }

  @Test
  void badCombinationsAreUsageErrors() {
    assertThatThrownBy(() -> config("--topic", "t"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--source kafka only");
    assertThatThrownBy(() -> config("--bootstrap-servers", "h:1"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--source kafka only");
    assertThatThrownBy(() -> config("--source", "kafka", "--topic", "t"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--bootstrap-servers and --topic");
    assertThatThrownBy(
            () ->
                config(
                    "--source",
                    "kafka",
                    "--topic",
                    "t",
                    "--bootstrap-servers",
                    "h:1",
                    "--raw",
                    "r"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--raw with --source raw only");
    assertThatThrownBy(() -> config("--source", "files"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("Invalid --source: expected raw or kafka, got 'files'");
    assertThatThrownBy(() -> config("--dedupe-window", "0"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("dedupe window must be above 0 for stream");
    assertThatThrownBy(() -> config("--trigger", "0"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("trigger must be above 0");
    assertThatThrownBy(() -> config("--max-batches", "-1"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("max batches must be 0 or more");
  }

  @Test
  void aUsageErrorExitsTwo() {
    assertThat(Main.execute("stream", "--source", "kafka")).isEqualTo(Main.EXIT_USAGE);
  }
}
