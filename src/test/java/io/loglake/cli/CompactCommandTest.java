package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.catalog.TableName;
import io.loglake.config.CompactionSettings;
import io.loglake.config.LoglakeHome;
import io.loglake.config.TableFormat;
import io.loglake.testing.CapturedOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code loglake compact}'s options mapped to its settings with every default pinned, and its usage
 * errors (exit 2). Compaction itself is tested in {@code io.loglake.job.CompactionTest}.
 */
class CompactCommandTest {
  private static final Set<String> COVERED =
      Set.of(
          "--curated",
          "--curated-table",
          "--no-register",
          "--format",
          "--state",
          "--target-file-size",
          "--older-than",
          "--snapshot-retention",
          "--retain-last-snapshots",
          "--orphan-retention",
          "--master",
          "--conf",
          "-h",
          "--help",
          "-V",
          "--version");

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @TempDir Path dir;

  private CompactCommand parse(String... args) {
    CompactCommand command = new CompactCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void everyOptionIsCoveredHere() {
    Set<String> options =
        new TreeSet<>(new CommandLine(new CompactCommand()).getCommandSpec().optionsMap().keySet());
    assertThat(options).isEqualTo(new TreeSet<>(COVERED));
  }

  @Test
  void withNoOptionTheCompactionHasEveryDefault() {
    CompactCommand command = parse();
    CompactionSettings settings = command.settings(new LoglakeHome(dir));

    assertThat(command.olderThan()).isEqualTo(Duration.ofHours(3));
    assertThat(settings.curatedPath()).isEqualTo(dir.resolve("curated").toString());
    assertThat(settings.curatedTable())
        .isEqualTo(new TableName("logs_analytics", "app_logs_curated"));
    assertThat(settings.format()).isEqualTo(TableFormat.PARQUET);
    assertThat(settings.statePath()).isEqualTo(dir.resolve("_loglake_state").toString());
    assertThat(settings.targetFileBytes()).isEqualTo(134_217_728L);
    assertThat(settings.snapshotRetention()).isEqualTo(Duration.ofDays(5));
    assertThat(settings.retainLastSnapshots()).isEqualTo(10);
    assertThat(settings.orphanRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(command.master()).isNull();
    assertThat(command.sparkConf()).isEmpty();
  }

  @Test
  void everyOptionReachesItsSetting() {
    CompactCommand command =
        parse(
            "--curated",
            "s3a://b/curated/",
            "--curated-table",
            "db1.c1",
            "--format",
            "iceberg",
            "--state",
            "s3a://b/state/",
            "--target-file-size",
            "64m",
            "--older-than",
            "90m",
            "--snapshot-retention",
            "1d",
            "--retain-last-snapshots",
            "4",
            "--orphan-retention",
            "2d",
            "--master",
            "local[1]",
            "--conf",
            "spark.sql.shuffle.partitions=3",
            "--conf",
            "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000=x");
    CompactionSettings settings = command.settings(new LoglakeHome(dir));

    assertThat(command.olderThan()).isEqualTo(Duration.ofMinutes(90));
    assertThat(settings.curatedPath()).isEqualTo("s3a://b/curated/");
    assertThat(settings.curatedTable()).isEqualTo(new TableName("db1", "c1"));
    assertThat(settings.format()).isEqualTo(TableFormat.ICEBERG);
    assertThat(settings.statePath()).isEqualTo("s3a://b/state/");
    assertThat(settings.targetFileBytes()).isEqualTo(67_108_864L);
    assertThat(settings.snapshotRetention()).isEqualTo(Duration.ofDays(1));
    assertThat(settings.retainLastSnapshots()).isEqualTo(4);
    assertThat(settings.orphanRetention()).isEqualTo(Duration.ofDays(2));
    assertThat(command.master()).isEqualTo("local[1]");
    assertThat(command.sparkConf())
        .containsExactly(
            Map.entry("spark.sql.shuffle.partitions", "3"),
            Map.entry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000=x"));
    assertThat(parse("--no-register").settings(new LoglakeHome(dir)).curatedTable()).isNull();
  }

  @Test
  void aBadOlderThanIsAUsageErrorWithExit2() {
    assertThat(Main.execute("compact", "--older-than", "soon")).isEqualTo(Main.EXIT_USAGE);
    assertThat(output.stderr())
        .contains("--older-than")
        .contains("'soon' is not a duration")
        .contains("Usage: loglake compact");
    output.reset();
    assertThat(Main.execute("compact", "--older-than", "-1h")).isEqualTo(Main.EXIT_USAGE);
    assertThat(output.stderr()).contains("Usage: loglake compact");
  }

  @Test
  void icebergWithoutRegistrationAndBadSizesAreUsageErrors() {
    assertThatThrownBy(() -> parse("--format", "iceberg", "--no-register").settings(home()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("an Iceberg table is its catalog entry");
    assertThatThrownBy(() -> parse("--target-file-size", "huge").settings(home()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("Invalid --target-file-size");
    assertThatThrownBy(() -> parse("--retain-last-snapshots", "0").settings(home()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("at least the last snapshot");
  }

  private LoglakeHome home() {
    return new LoglakeHome(dir);
  }
}
