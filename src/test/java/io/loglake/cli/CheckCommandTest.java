package io.loglake.cli;

import static io.loglake.testing.CuratedFixtures.hour;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.job.RunHistory;
import io.loglake.job.RunReport;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.CuratedFixtures;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loglake check} run in this JVM on Parquet zones written here: its lines, its JSON, its
 * exit codes (0 passed, 3 a rule failed, 1 cannot check, 2 bad arguments), and where it takes the
 * run report from.
 */
@ExtendWith(SparkTestSession.class)
class CheckCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DAY = LocalDate.parse("2026-12-01");

  @TempDir static Path dir;
  private static Path clean;
  private static Path withGap;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  /** Two zones: 150 rows in hours 0-3 of both days; the second without hour 2 of the later one. */
  @BeforeAll
  static void writeZones() {
    List<Row> rows = new ArrayList<>();
    for (int hr = 0; hr < 4; hr++) {
      rows.addAll(hour(DAY.minusDays(1), hr, 150, "checkout"));
      rows.addAll(hour(DAY, hr, 150, "checkout"));
    }
    clean = dir.resolve("clean/curated");
    withGap = dir.resolve("gap/curated");
    CuratedFixtures.frame(SparkTestSession.get(), rows)
        .write()
        .partitionBy("dt", "hr")
        .parquet(clean.toString());
    rows.removeIf(r -> CuratedFixtures.dt(r).equals(DAY) && CuratedFixtures.hr(r) == 2);
    CuratedFixtures.frame(SparkTestSession.get(), rows)
        .write()
        .partitionBy("dt", "hr")
        .parquet(withGap.toString());
  }

  private static RunReport report(String runId, long read, long quarantined) {
    return new RunReport(
        runId,
        "2026-12-01T04:00:00Z",
        "raw",
        "curated",
        null,
        List.of("ERROR"),
        1,
        read,
        read - quarantined,
        quarantined,
        Map.of(),
        0,
        0,
        List.of(),
        List.of(),
        List.of(),
        1,
        null,
        null,
        null);
  }

  private int check(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "check";
    System.arraycopy(args, 0, command, 1, args.length);
    return Main.execute(command);
  }

  @Test
  void cleanHoursPassWithOneLinePerRuleAndExitZero() throws Exception {
    Path file = Files.writeString(dir.resolve("run.json"), report("r-given", 1000, 3).toJson());

    int exit =
        check(
            "--curated",
            clean.toString(),
            "--hours",
            "2026-12-01/0,dt=2026-12-01/hr=1,2026-12-01/02,2026-12-01/3",
            "--report",
            file.toString());

    assertThat(exit).as(output.stderr()).isZero();
    assertThat(output.stdout().lines())
        .containsExactly(
            "PASS quarantine_rate: 0.0030 = 3 quarantined of 1,000 records read by run r-given"
                + " (max 0.0100)",
            "PASS missing_service: 0.0000 = 0 of 600 rows with no service in 4 hours (max 0.0500)",
            "PASS gap: 0 of 4 hours empty that had rows the same hour the day before (max 0)",
            "PASS volume: 4 hours within [0.5, 2] of the same hour the day before");
  }

  @Test
  void aDayWithAGapFailsWithExitThreeAndItsJsonNamesTheHour() throws Exception {
    int exit = check("--curated", withGap.toString(), "--date", "2026-12-01", "--json");

    assertThat(exit).as(output.stderr()).isEqualTo(Main.EXIT_QUALITY);
    JsonNode result = JSON.readTree(output.stdout());
    assertThat(result.get("passed").asBoolean()).isFalse();
    assertThat(result.get("failed_rules")).extracting(JsonNode::asText).containsExactly("gap");
    assertThat(result.get("hours_checked")).hasSize(24);
    JsonNode gap = result.get("rules").get(2);
    assertThat(gap.get("rule").asText()).isEqualTo("gap");
    assertThat(gap.get("hours")).extracting(JsonNode::asText).containsExactly("dt=2026-12-01/hr=2");
    // No --report and no history beside the zone: the rate is skipped, which fails nothing.
    assertThat(result.get("rules").get(0).get("status").asText()).isEqualTo("SKIP");

    output.reset();
    assertThat(check("--curated", withGap.toString(), "--date", "2026-12-01"))
        .isEqualTo(Main.EXIT_QUALITY);
    assertThat(output.stdout())
        .contains(
            "FAIL gap: 1 of 24 hours empty that had rows the same hour the day before:"
                + " dt=2026-12-01/hr=2 (150 the day before) (max 0)");
  }

  @Test
  void byDefaultTheDayEndingWithTheNewestHourIsCheckedAgainstTheNewestReportOfTheHistory() {
    Path state = dir.resolve("state");
    Configuration conf = new Configuration();
    new RunHistory(conf, RunHistory.etlFolder(state.toString()), 10)
        .write(report("20261201T040000Z-older", 100, 50));
    new RunHistory(conf, RunHistory.streamFolder(state.toString()), 10)
        .write(report("20261201T050000Z-batch1-newest", 100, 2));

    int exit = check("--curated", clean.toString(), "--state", state.toString(), "--json");

    assertThat(exit).as(output.stderr()).isEqualTo(Main.EXIT_QUALITY);
    String stdout = output.stdout();
    assertThat(stdout).contains("20261201T050000Z-batch1-newest");
    assertThat(stdout).doesNotContain("-older");
    assertThat(stdout).contains("\"failed_rules\" : [ \"quarantine_rate\" ]");
    assertThat(stdout).contains("\"dt=2026-11-30/hr=4\"", "\"dt=2026-12-01/hr=3\"");
    assertThat(stdout).doesNotContain("\"dt=2026-11-30/hr=3\"");
  }

  @Test
  void badArgumentsExitTwoAndAMissingZoneExitsOne() {
    assertThat(check("--curated", clean.toString(), "--hours", "2026-12-01T03")).isEqualTo(2);
    assertThat(output.stderr()).contains("Invalid --hours: '2026-12-01T03'");
    assertThat(
            check("--curated", clean.toString(), "--date", "2026-12-01", "--hours", "2026-12-01/1"))
        .isEqualTo(2);
    assertThat(check("--curated", clean.toString(), "--max-quarantine-rate", "1.5")).isEqualTo(2);
    assertThat(check("--curated", clean.toString(), "--until", "2026-12-01T00:00:00Z"))
        .isEqualTo(2);
    assertThat(
            check(
                "--curated",
                clean.toString(),
                "--since",
                "2026-01-01T00:00:00Z",
                "--until",
                "2026-03-01T00:00:00Z"))
        .isEqualTo(2);
    assertThat(output.stderr()).contains("at most 744 (31 days)");
    output.reset();

    assertThat(check("--curated", dir.resolve("nothing").toString())).isEqualTo(1);
    assertThat(output.stderr())
        .contains("Cannot check " + dir.resolve("nothing") + ": it does not exist");
  }
}
