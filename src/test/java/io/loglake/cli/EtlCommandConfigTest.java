package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.config.IpMask;
import io.loglake.config.LoglakeHome;
import io.loglake.config.MetricsTarget;
import io.loglake.config.QualityConfig;
import io.loglake.config.TableFormat;
import io.loglake.pii.EnvironmentHashKey;
import io.loglake.pii.SecretsManagerHashKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code loglake etl} option mapped to its config field, and every default pinned (as Trino's
 * TestHiveConfig does): each option is set to a value that is not its default and read back from
 * the config, so an option that stops reaching its field, or a default that changes, fails here. A
 * new option fails {@link #everyOptionIsCoveredHere} until it is added.
 */
class EtlCommandConfigTest {
  /** The options the tests below set; -h/-V are picocli's. */
  private static final Set<String> COVERED =
      Set.of(
          "--raw",
          "--table",
          "--curated",
          "--quarantine",
          "--levels",
          "--report",
          "--target-file-size",
          "--max-line-bytes",
          "--event-time-range",
          "--dedupe-window",
          "--master",
          "--conf",
          "--curated-table",
          "--no-register",
          "--incremental",
          "--state",
          "--lookback",
          "--format",
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

  private static long micros(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  private EtlCommand parse(String... args) {
    EtlCommand command = new EtlCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private EtlConfig config(String... args) {
    return parse(args).config(new LoglakeHome(dir));
  }

  @Test
  void everyOptionIsCoveredHere() {
    Set<String> options =
        new TreeSet<>(new CommandLine(new EtlCommand()).getCommandSpec().optionsMap().keySet());
    assertThat(options).isEqualTo(new TreeSet<>(COVERED));
  }

  @Test
  void withNoOptionTheRunHasEveryDefault() {
    EtlCommand command = parse();
    EtlConfig config = command.config(new LoglakeHome(dir));

    assertThat(config.rawPath()).isEqualTo(dir.resolve("raw").toString());
    assertThat(config.table()).isNull();
    assertThat(config.curatedPath()).isEqualTo(dir.resolve("curated").toString());
    assertThat(config.quarantinePath()).isEqualTo(dir.resolve("_quarantine").toString());
    assertThat(config.levels()).containsExactlyInAnyOrder("WARN", "ERROR");
    assertThat(config.reportPath()).isNull();
    assertThat(config.targetFileBytes()).isEqualTo(134_217_728L);
    assertThat(config.maxLineBytes()).isEqualTo(1_048_576);
    assertThat(config.eventTimeRange().fromMicros()).isEqualTo(micros("2000-01-01T00:00:00Z"));
    assertThat(config.eventTimeRange().toMicros()).isEqualTo(micros("2100-01-01T00:00:00Z"));
    assertThat(config.dedupeWindow()).isEqualTo(java.time.Duration.ofHours(24));
    assertThat(config.curatedTable())
        .isEqualTo(new TableName("logs_analytics", "app_logs_curated"));
    assertThat(config.incremental()).isFalse();
    assertThat(config.statePath()).isEqualTo(dir.resolve("_loglake_state").toString());
    assertThat(config.lookback()).isEqualTo(Duration.ofHours(3));
    assertThat(config.format()).isEqualTo(TableFormat.PARQUET);
    assertThat(config.compact()).isTrue();
    assertThat(config.compaction().snapshotRetention()).isEqualTo(Duration.ofDays(5));
    assertThat(config.compaction().retainLastSnapshots()).isEqualTo(10);
    assertThat(config.compaction().orphanRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(config.metrics()).isEqualTo(MetricsTarget.NONE);
    assertThat(config.pii().ipMask()).isEqualTo(IpMask.NONE);
    assertThat(config.pii().hashUserId()).isFalse();
    assertThat(config.pii().keySource()).isNull();
    assertThat(config.quality()).isNull();
    assertThat(command.master()).isNull();
    assertThat(command.sparkConf()).isEmpty();
  }

  @Test
  void everyOptionReachesItsField() {
    EtlCommand command =
        parse(
            "--raw",
            "s3a://b/raw/",
            "--curated",
            "s3a://b/curated/",
            "--quarantine",
            "s3a://other/q/",
            "--levels",
            " info,warning ",
            "--report",
            "s3a://b/reports/run.json",
            "--target-file-size",
            "64m",
            "--max-line-bytes",
            "4k",
            "--event-time-range",
            "1990-01-01/2030-01-01T01:00+01:00",
            "--master",
            "local[3]",
            "--conf",
            "spark.sql.shuffle.partitions=3",
            "--conf",
            "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000=x",
            "--dedupe-window",
            "90m",
            "--curated-table",
            "db1.curated1",
            "--incremental",
            "--state",
            "s3a://b/state/",
            "--lookback",
            "90m",
            "--format",
            "ICEBERG",
            "--no-compact",
            "--snapshot-retention",
            "36h",
            "--retain-last-snapshots",
            "3",
            "--orphan-retention",
            "2d",
            "--metrics",
            "CloudWatch",
            "--mask-ip",
            "Truncate",
            "--hash-user-id",
            "--hash-key-secret",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:loglake-key",
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
            "7");
    EtlConfig config = command.config(new LoglakeHome(dir));

    assertThat(config.rawPath()).isEqualTo("s3a://b/raw/");
    assertThat(config.table()).isNull();
    assertThat(config.curatedPath()).isEqualTo("s3a://b/curated/");
    assertThat(config.quarantinePath()).isEqualTo("s3a://other/q/");
    assertThat(config.levels()).containsExactlyInAnyOrder("INFO", "WARN");
    assertThat(config.reportPath()).isEqualTo("s3a://b/reports/run.json");
    assertThat(config.targetFileBytes()).isEqualTo(67_108_864L);
    assertThat(config.maxLineBytes()).isEqualTo(4096);
    assertThat(config.eventTimeRange().fromMicros()).isEqualTo(micros("1990-01-01T00:00:00Z"));
    assertThat(config.eventTimeRange().toMicros()).isEqualTo(micros("2030-01-01T00:00:00Z"));
    assertThat(config.curatedTable()).isEqualTo(new TableName("db1", "curated1"));
    assertThat(config.dedupeWindow()).isEqualTo(java.time.Duration.ofMinutes(90));
    assertThat(config.incremental()).isTrue();
    assertThat(config.statePath()).isEqualTo("s3a://b/state/");
    assertThat(config.lookback()).isEqualTo(Duration.ofMinutes(90));
    assertThat(config.format()).isEqualTo(TableFormat.ICEBERG);
    assertThat(config.compact()).isFalse();
    assertThat(config.compaction().snapshotRetention()).isEqualTo(Duration.ofHours(36));
    assertThat(config.compaction().retainLastSnapshots()).isEqualTo(3);
    assertThat(config.compaction().orphanRetention()).isEqualTo(Duration.ofDays(2));
    assertThat(config.metrics()).isEqualTo(MetricsTarget.CLOUDWATCH);
    assertThat(config.pii().ipMask()).isEqualTo(IpMask.TRUNCATE);
    assertThat(config.pii().hashUserId()).isTrue();
    assertThat(config.pii().keySource())
        .isInstanceOfSatisfying(
            SecretsManagerHashKey.class,
            k ->
                assertThat(k.secretId())
                    .isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:loglake-key"));
    assertThat(config.quality()).isEqualTo(new QualityConfig(0.2, 0.3, 0.25, 4.0, 7));
    assertThat(config.compaction().curatedPath()).isEqualTo("s3a://b/curated/");
    assertThat(config.compaction().statePath()).isEqualTo("s3a://b/state/");
    assertThat(config.compaction().targetFileBytes()).isEqualTo(67_108_864L);
    assertThat(config.compaction().curatedTable()).isEqualTo(new TableName("db1", "curated1"));
    assertThat(command.master()).isEqualTo("local[3]");
    assertThat(command.sparkConf())
        .containsExactly(
            Map.entry("spark.sql.shuffle.partitions", "3"),
            Map.entry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000=x"));
  }

  @Test
  void anUnknownFormatAndIcebergWithoutRegistrationAreUsageErrors() {
    assertThatThrownBy(() -> config("--format", "delta"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("Invalid --format: 'delta' is not a table format");
    assertThatThrownBy(() -> config("--format", "iceberg", "--no-register"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("an Iceberg table is its catalog entry");
    assertThat(config("--format", "parquet", "--no-register").curatedTable()).isNull();
  }

  @Test
  void piiOptionsReadTheKeyFromTheNamedVariableAndRefuseWhatCannotWork() {
    assertThat(config("--mask-ip", "hash").pii().keySource())
        .isInstanceOfSatisfying(
            EnvironmentHashKey.class, k -> assertThat(k.name()).isEqualTo("LOGLAKE_HASH_KEY"));
    assertThat(config("--hash-user-id", "--hash-key-env", "MY_KEY").pii().keySource())
        .isInstanceOfSatisfying(
            EnvironmentHashKey.class, k -> assertThat(k.name()).isEqualTo("MY_KEY"));
    assertThat(config("--hash-user-id", "true").pii().hashUserId()).isTrue();
    assertThat(config("--hash-user-id", "false").pii().hashUserId()).isFalse();
    // truncate needs no key.
    assertThat(config("--mask-ip", "truncate").pii().keySource()).isNull();
    for (String[] args :
        new String[][] {
          {"--mask-ip", "drop"},
          {"--hash-user-id", "--hash-key-env", "A", "--hash-key-secret", "b"},
          {"--mask-ip", "truncate", "--hash-key-env", "A"},
          {"--hash-key-secret", "b"},
          {"--hash-user-id", "--hash-key-env", " "},
          {"--hash-user-id", "--hash-key-secret", ""}
        }) {
      assertThatThrownBy(() -> config(args))
          .as(String.join(" ", args))
          .isInstanceOf(CommandLine.ParameterException.class);
    }
    assertThatThrownBy(() -> config("--mask-ip", "drop"))
        .hasMessageContaining("Invalid --mask-ip: expected none, truncate or hash, got 'drop'");
    assertThatThrownBy(() -> config("--hash-key-secret", "b"))
        .hasMessageContaining("are for --hash-user-id or --mask-ip hash");
  }

  @Test
  void anUnknownMetricsTargetIsAUsageErrorNamingTheTargets() {
    assertThatThrownBy(() -> config("--metrics", "prometheus"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("Invalid --metrics: 'prometheus' is not a metrics target")
        .hasMessageContaining("none, cloudwatch");
  }

  @Test
  void incrementalReadsARawZoneNotATableAndTheStateFollowsCurated() {
    assertThatThrownBy(() -> config("--incremental", "--table"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--incremental with --raw");
    assertThat(config("--curated", "s3a://b/zone/curated/").statePath())
        .isEqualTo("s3a://b/zone/_loglake_state");
    assertThat(config("--incremental", "true").incremental()).isTrue();
    assertThat(config("--incremental", "false").incremental()).isFalse();
    assertThatThrownBy(() -> parse("--lookback", "-1h"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void tableReadsTheNamedTableOrTheRawLogsTableAndNoRegisterRegistersNothing() {
    EtlConfig named = config("--table", "db2.raw2", "--no-register");
    assertThat(named.table()).isEqualTo(new TableName("db2", "raw2"));
    assertThat(named.rawPath()).isNull();
    assertThat(named.source()).isEqualTo("db2.raw2");
    assertThat(named.curatedTable()).isNull();

    EtlConfig fallback = config("--table");
    assertThat(fallback.table()).isEqualTo(new TableName("logs_db", "raw_logs"));
    assertThat(fallback.rawPath()).isNull();
    assertThat(fallback.curatedTable())
        .isEqualTo(new TableName("logs_analytics", "app_logs_curated"));
  }

  @Test
  void noCompactTakesAnOptionalValueAsGlueArgumentsDo() {
    assertThat(config("--no-compact", "true").compact()).isFalse();
    assertThat(config("--no-compact", "false").compact()).isTrue();
    assertThatThrownBy(() -> config("--retain-last-snapshots", "0"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("at least the last snapshot");
  }

  @Test
  void theQuarantineFollowsCuratedWhenNotGiven() {
    assertThat(config("--curated", "s3a://b/zone/curated/").quarantinePath())
        .isEqualTo("s3a://b/zone/_quarantine");
  }

  @Test
  void badTableNamesAreUsageErrorsNamingTheOption() {
    for (String[] args :
        new String[][] {
          {"--table", "no_dot"}, {"--table", "a.b.c"}, {"--curated-table", "db.bad-name"}
        }) {
      assertThatThrownBy(() -> config(args))
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageStartingWith("Invalid " + args[0] + ": ")
          .hasMessageContaining("DB.TABLE");
    }
  }

  @Test
  void aDedupeWindowOfZeroTurnsItOffAndANonDurationIsAUsageError() {
    assertThat(config("--dedupe-window", "0").dedupeWindow()).isZero();
    assertThat(config("--dedupe-window", "1h30m").dedupeWindow())
        .isEqualTo(java.time.Duration.ofMinutes(90));
    assertThatThrownBy(() -> parse("--dedupe-window", "a day"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--dedupe-window")
        .hasMessageContaining("'a day' is not a duration");
    assertThatThrownBy(() -> parse("--dedupe-window", "-1h"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--dedupe-window");
  }
}
