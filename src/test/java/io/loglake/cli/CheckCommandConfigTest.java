package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.TableName;
import io.loglake.config.LoglakeHome;
import io.loglake.config.QualityConfig;
import io.loglake.config.TableFormat;
import io.loglake.schema.CuratedPartition;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every {@code loglake check} option mapped to its setting, and every default pinned. */
class CheckCommandConfigTest {
  private static final Set<String> COVERED =
      Set.of(
          "--master",
          "--conf",
          "--curated",
          "--curated-table",
          "--format",
          "--state",
          "--report",
          "--json",
          "--hours",
          "--date",
          "--since",
          "--until",
          "--max-quarantine-rate",
          "--max-missing-service",
          "--min-volume-ratio",
          "--max-volume-ratio",
          "--min-baseline-rows",
          "-h",
          "--help",
          "-V",
          "--version");

  private static final Instant NOW = Instant.parse("2026-12-01T10:20:00Z");

  @TempDir Path dir;

  private CheckCommand.Settings settings(String... args) {
    CheckCommand command = new CheckCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings(new LoglakeHome(dir), NOW);
  }

  @Test
  void everyOptionIsCoveredHere() {
    Set<String> options =
        new TreeSet<>(new CommandLine(new CheckCommand()).getCommandSpec().optionsMap().keySet());
    assertThat(options).isEqualTo(new TreeSet<>(COVERED));
  }

  @Test
  void withNoOptionTheParquetZoneOfTheHomeIsCheckedOnTheDefaultHours() {
    CheckCommand.Settings settings = settings();

    assertThat(settings.format()).isEqualTo(TableFormat.PARQUET);
    assertThat(settings.curatedPath()).isEqualTo(dir.resolve("curated").toString());
    assertThat(settings.curatedTable())
        .isEqualTo(new TableName("logs_analytics", "app_logs_curated"));
    assertThat(settings.statePath()).isEqualTo(dir.resolve("_loglake_state").toString());
    assertThat(settings.reportPath()).isNull();
    assertThat(settings.hours()).isEmpty();
    assertThat(settings.thresholds()).isEqualTo(QualityConfig.DEFAULT);
  }

  @Test
  void everyOptionReachesItsSetting() {
    CheckCommand.Settings settings =
        settings(
            "--curated",
            "s3a://b/curated/",
            "--curated-table",
            "db1.t1",
            "--format",
            "iceberg",
            "--state",
            "s3a://b/state/",
            "--report",
            "s3a://b/run.json",
            "--hours",
            "2026-11-30/23,dt=2026-12-01/hr=1",
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

    assertThat(settings.format()).isEqualTo(TableFormat.ICEBERG);
    assertThat(settings.curatedPath()).isEqualTo("s3a://b/curated/");
    assertThat(settings.curatedTable()).isEqualTo(new TableName("db1", "t1"));
    assertThat(settings.statePath()).isEqualTo("s3a://b/state/");
    assertThat(settings.reportPath()).isEqualTo("s3a://b/run.json");
    assertThat(settings.hours())
        .containsExactly(
            new CuratedPartition(LocalDate.parse("2026-11-30"), 23),
            new CuratedPartition(LocalDate.parse("2026-12-01"), 1));
    assertThat(settings.thresholds()).isEqualTo(new QualityConfig(0.2, 0.3, 0.25, 4.0, 7));
  }

  @Test
  void aDateIsItsTwentyFourHoursAndARangeEndsBeforeTheHourUnderWay() {
    assertThat(settings("--date", "2026-11-30").hours())
        .hasSize(24)
        .startsWith(new CuratedPartition(LocalDate.parse("2026-11-30"), 0))
        .endsWith(new CuratedPartition(LocalDate.parse("2026-11-30"), 23));
    // From the hour holding --since; to now (10:20) excluded: 08 and 09, not 10.
    assertThat(settings("--since", "2026-12-01T08:59:00Z").hours())
        .containsExactly(
            new CuratedPartition(LocalDate.parse("2026-12-01"), 8),
            new CuratedPartition(LocalDate.parse("2026-12-01"), 9));
    // --until: the hours that start before it.
    assertThat(
            settings("--since", "2026-12-01T08:00:00Z", "--until", "2026-12-01T09:00:00Z").hours())
        .containsExactly(new CuratedPartition(LocalDate.parse("2026-12-01"), 8));
    assertThat(
            settings("--since", "2026-12-01T08:00:00Z", "--until", "2026-12-01T09:00:01Z").hours())
        .hasSize(2);
    assertThat(CheckCommand.lastDay(new CuratedPartition(LocalDate.parse("2026-12-01"), 3)))
        .hasSize(24)
        .startsWith(new CuratedPartition(LocalDate.parse("2026-11-30"), 4));
  }
}
