package io.loglake.quality;

import static io.loglake.testing.CuratedFixtures.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.QualityConfig;
import io.loglake.quality.QualityReport.Rule;
import io.loglake.quality.QualityReport.Status;
import io.loglake.quality.QualityRules.RunCounts;
import io.loglake.schema.CuratedPartition;
import io.loglake.testing.CuratedFixtures;
import io.loglake.testing.SparkTestSession;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each rule on curated rows built here: it fails on data built to break it, with the numbers
 * computed below in plain Java from the rows, and passes on clean data.
 */
@ExtendWith(SparkTestSession.class)
class QualityCheckTest {
  private static final LocalDate DAY = LocalDate.parse("2026-12-01");
  private static final LocalDate BEFORE = DAY.minusDays(1);
  private static final List<CuratedPartition> HOURS =
      List.of(
          new CuratedPartition(DAY, 0),
          new CuratedPartition(DAY, 1),
          new CuratedPartition(DAY, 2),
          new CuratedPartition(DAY, 3));

  /** 200 rows in each of hours 0-3 of both days, every one with a service. */
  private static List<Row> clean() {
    List<Row> rows = new ArrayList<>();
    for (int hr = 0; hr < 4; hr++) {
      rows.addAll(hour(BEFORE, hr, 200, "checkout"));
      rows.addAll(hour(DAY, hr, 200, "checkout"));
    }
    return rows;
  }

  private static QualityReport check(
      SparkSession spark, List<Row> rows, RunCounts run, Instant startedAt) {
    return QualityCheck.check(
        CuratedFixtures.frame(spark, rows),
        HOURS,
        run,
        "no report given",
        startedAt,
        QualityConfig.DEFAULT);
  }

  private static Rule rule(QualityReport report, String name) {
    return report.rules().stream().filter(r -> r.rule().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void cleanDataPassesEveryRule(SparkSession spark) {
    QualityReport report = check(spark, clean(), new RunCounts("r1", 1000, 10), null);

    assertThat(report.lines())
        .containsExactly(
            "PASS quarantine_rate: 0.0100 = 10 quarantined of 1,000 records read by run r1 (max"
                + " 0.0100)",
            "PASS missing_service: 0.0000 = 0 of 800 rows with no service in 4 hours (max 0.0500)",
            "PASS gap: 0 of 4 hours empty that had rows the same hour the day before (max 0)",
            "PASS volume: 4 hours within [0.5, 2] of the same hour the day before");
    assertThat(report.passed()).isTrue();
    assertThat(report.hoursChecked())
        .containsExactly(
            "dt=2026-12-01/hr=0", "dt=2026-12-01/hr=1", "dt=2026-12-01/hr=2", "dt=2026-12-01/hr=3");
  }

  @Test
  void aQuarantineRateAboveTheMaximumFails(SparkSession spark) {
    long read = 1000;
    long quarantined = 11;
    QualityReport report = check(spark, clean(), new RunCounts("r2", read, quarantined), null);

    Rule rate = rule(report, "quarantine_rate");
    assertThat(rate.status()).isEqualTo(Status.FAIL);
    assertThat(rate.value()).isEqualTo((double) quarantined / read);
    assertThat(rate.line())
        .isEqualTo(
            "FAIL quarantine_rate: 0.0110 = 11 quarantined of 1,000 records read by run r2 (max"
                + " 0.0100)");
    assertThat(report.passed()).isFalse();
    assertThat(report.failedRules()).containsExactly("quarantine_rate");
  }

  @Test
  void withoutARunReportTheQuarantineRateIsSkippedAndDoesNotFail(SparkSession spark) {
    QualityReport report = check(spark, clean(), null, null);

    assertThat(rule(report, "quarantine_rate").line())
        .isEqualTo("SKIP quarantine_rate: no run report (no report given)");
    assertThat(report.passed()).isTrue();
  }

  @Test
  void rowsWithNoServiceAboveTheMaximumShareFail(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int hr = 0; hr < 4; hr++) {
      rows.addAll(hour(BEFORE, hr, 200, "checkout"));
      rows.addAll(hour(DAY, hr, hr == 1 ? 150 : 200, "checkout"));
    }
    // 50 more in hour 1: null, empty and blank services; the day before has some too, unchecked.
    rows.addAll(hour(DAY, 1, 20, null));
    rows.addAll(hour(DAY, 1, 20, ""));
    rows.addAll(hour(DAY, 1, 10, "  "));
    rows.addAll(hour(BEFORE, 2, 30, null));
    long checked = rows.stream().filter(r -> CuratedFixtures.dt(r).equals(DAY)).count();
    long missing =
        rows.stream()
            .filter(r -> CuratedFixtures.dt(r).equals(DAY))
            .filter(r -> CuratedFixtures.service(r) == null || CuratedFixtures.service(r).isBlank())
            .count();

    QualityReport report = check(spark, rows, new RunCounts("r", 10, 0), null);

    Rule rule = rule(report, "missing_service");
    assertThat(rule.status()).isEqualTo(Status.FAIL);
    assertThat(rule.value()).isEqualTo((double) missing / checked);
    assertThat(rule.detail()).startsWith(String.format("0.0625 = %d of %d rows", missing, checked));
    assertThat(rule.hours()).containsExactly("dt=2026-12-01/hr=1");
    assertThat(report.failedRules()).containsExactly("missing_service");
  }

  @Test
  void anEmptyHourThatHadRowsTheDayBeforeIsAGap(SparkSession spark) {
    List<Row> rows = new ArrayList<>(clean());
    rows.removeIf(r -> CuratedFixtures.dt(r).equals(DAY) && CuratedFixtures.hr(r) == 2);
    long before =
        rows.stream()
            .filter(r -> CuratedFixtures.dt(r).equals(BEFORE) && CuratedFixtures.hr(r) == 2)
            .count();

    QualityReport report = check(spark, rows, new RunCounts("r", 10, 0), null);

    Rule gap = rule(report, "gap");
    assertThat(gap.status()).isEqualTo(Status.FAIL);
    assertThat(gap.hours()).containsExactly("dt=2026-12-01/hr=2");
    assertThat(gap.line())
        .isEqualTo(
            "FAIL gap: 1 of 4 hours empty that had rows the same hour the day before:"
                + " dt=2026-12-01/hr=2 ("
                + before
                + " the day before) (max 0)");
    // The empty hour is the gap rule's: volume compares the other three.
    assertThat(rule(report, "volume").line())
        .isEqualTo("PASS volume: 3 hours within [0.5, 2] of the same hour the day before");
    assertThat(report.failedRules()).containsExactly("gap");
  }

  @Test
  void hoursFarFromTheSameHourTheDayBeforeFailVolumeAndSmallBaselinesAreSkipped(
      SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    rows.addAll(hour(BEFORE, 0, 200, "a"));
    rows.addAll(hour(DAY, 0, 401, "a")); // 2.005 > 2.0
    rows.addAll(hour(BEFORE, 1, 99, "a")); // under 100 rows: skipped whatever the ratio
    rows.addAll(hour(DAY, 1, 5, "a"));
    rows.addAll(hour(BEFORE, 2, 200, "a"));
    rows.addAll(hour(DAY, 2, 100, "a")); // 0.5: inside, the bounds are inclusive
    rows.addAll(hour(BEFORE, 3, 200, "a"));
    rows.addAll(hour(DAY, 3, 99, "a")); // 0.495 < 0.5

    QualityReport report = check(spark, rows, new RunCounts("r", 10, 0), null);

    Rule volume = rule(report, "volume");
    assertThat(volume.status()).isEqualTo(Status.FAIL);
    assertThat(volume.hours()).containsExactly("dt=2026-12-01/hr=0", "dt=2026-12-01/hr=3");
    assertThat(volume.value()).isEqualTo(2.0);
    assertThat(volume.line())
        .isEqualTo(
            "FAIL volume: 2 of 3 hours outside [0.5, 2] of the same hour the day before:"
                + " dt=2026-12-01/hr=0 401 vs 200 (2.005), dt=2026-12-01/hr=3 99 vs 200 (0.495);"
                + " 1 skipped (under 100 rows the day before)");
    assertThat(report.failedRules()).containsExactly("volume");
  }

  @Test
  void hoursNotOverWhenTheRunStartedAreNotHeldToGapOrVolume(SparkSession spark) {
    List<Row> rows = new ArrayList<>(clean());
    // The run started at 03:10: hour 3 is still filling, far under the day before.
    rows.removeIf(r -> CuratedFixtures.dt(r).equals(DAY) && CuratedFixtures.hr(r) == 3);
    rows.addAll(hour(DAY, 3, 20, "checkout"));

    QualityReport report =
        check(spark, rows, new RunCounts("r", 10, 0), Instant.parse("2026-12-01T03:10:00Z"));

    assertThat(rule(report, "volume").line())
        .isEqualTo(
            "PASS volume: 3 hours within [0.5, 2] of the same hour the day before; 1 not over"
                + " when the run started");
    assertThat(report.passed()).isTrue();
    // Without the start time, the same rows fail.
    assertThat(check(spark, rows, new RunCounts("r", 10, 0), null).failedRules())
        .containsExactly("volume");
  }

  @Test
  void aRunThatWroteNoPartitionIsCheckedOnItsQuarantineRateAlone(SparkSession spark) {
    QualityReport report =
        QualityCheck.check(
            CuratedFixtures.frame(spark, List.of()),
            List.of(),
            new RunCounts("r", 40, 40),
            null,
            null,
            QualityConfig.DEFAULT);

    assertThat(report.lines())
        .containsExactly(
            "FAIL quarantine_rate: 1.0000 = 40 quarantined of 40 records read by run r (max"
                + " 0.0100)",
            "SKIP missing_service: no rows in the 0 hours checked",
            "SKIP gap: no hour checked was over",
            "SKIP volume: no hour with rows to compare with the day before");
  }
}
