package io.loglake.dashboard;

import static io.loglake.dashboard.DashboardTestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.TableFormat;
import io.loglake.dashboard.DashboardQueries.Count;
import io.loglake.dashboard.DashboardQueries.Event;
import io.loglake.dashboard.DashboardQueries.TimeWindow;
import io.loglake.testing.SparkTestSession;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The views' queries over a table curated by the ETL from known events, both formats read by
 * location: every count equals the one computed from {@link DashboardTestData#events()} with plain
 * Java; filters holding SQL-injection text select only rows equal to that text.
 */
@ExtendWith(SparkTestSession.class)
class DashboardQueriesTest {
  private static DashboardTestData.Written parquet;
  private static DashboardTestData.Written iceberg;

  @BeforeAll
  static void write() {
    SparkSession spark = SparkTestSession.get();
    parquet = DashboardTestData.shared(spark, TableFormat.PARQUET);
    iceberg = DashboardTestData.shared(spark, TableFormat.ICEBERG);
  }

  private static Dataset<Row> logs(SparkSession spark, DashboardTestData.Written written) {
    return new CuratedData(written.curated(), CuratedData.Format.AUTO).read(spark).rows();
  }

  private static Map<String, Long> asMap(List<Count> counts) {
    Map<String, Long> out = new HashMap<>();
    for (Count c : counts) {
      out.merge(c.service() + "|" + c.level() + "|" + c.bucket(), c.count(), Long::sum);
    }
    return out;
  }

  @Test
  void autoReadsEachFormatAsWritten(SparkSession spark) {
    assertThat(
            new CuratedData(parquet.curated(), CuratedData.Format.AUTO).read(spark).description())
        .startsWith("Parquet folders");
    assertThat(
            new CuratedData(iceberg.curated(), CuratedData.Format.AUTO).read(spark).description())
        .startsWith("Iceberg table");
    assertThat(logs(spark, parquet).count()).isEqualTo(DashboardTestData.kept().size());
    assertThat(logs(spark, iceberg).count()).isEqualTo(DashboardTestData.kept().size());
  }

  @Test
  void timelinesCountWarnAndErrorPerServiceAndBucketInBothFormats(SparkSession spark) {
    TimeWindow hours = TimeWindow.hours(NOW);
    TimeWindow minutes = TimeWindow.minutes(NOW);
    Instant hourEnd = NOW.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    Instant minuteEnd = NOW.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    Map<String, Long> expectedHours =
        DashboardTestData.perBucket(hourEnd.minus(24, ChronoUnit.HOURS), hourEnd, ChronoUnit.HOURS);
    Map<String, Long> expectedMinutes =
        DashboardTestData.perBucket(
            minuteEnd.minus(60, ChronoUnit.MINUTES), minuteEnd, ChronoUnit.MINUTES);
    assertThat(expectedHours.values().stream().mapToLong(Long::longValue).sum())
        .isLessThan(DashboardTestData.kept().size());
    assertThat(expectedMinutes).isNotEmpty();
    for (DashboardTestData.Written written : List.of(parquet, iceberg)) {
      Dataset<Row> logs = logs(spark, written);
      assertThat(asMap(DashboardQueries.timeline(logs, hours))).isEqualTo(expectedHours);
      assertThat(asMap(DashboardQueries.timeline(logs, minutes))).isEqualTo(expectedMinutes);
    }
  }

  @Test
  void topMessagesAreTheMostFrequentErrorsOfEachService(SparkSession spark) {
    TimeWindow hours = TimeWindow.hours(NOW);
    Map<String, Map<String, Long>> expected = new LinkedHashMap<>();
    for (DashboardTestData.Event e : DashboardTestData.kept()) {
      if (e.level().equals("ERROR")
          && !e.ts().isBefore(hours.start())
          && e.ts().isBefore(hours.end())) {
        expected
            .computeIfAbsent(e.service(), s -> new HashMap<>())
            .merge(e.message(), 1L, Long::sum);
      }
    }
    List<DashboardQueries.Message> top =
        DashboardQueries.topMessages(logs(spark, parquet), hours.start(), hours.end());
    Map<String, Map<String, Long>> actual = new HashMap<>();
    for (DashboardQueries.Message m : top) {
      actual.computeIfAbsent(m.service(), s -> new HashMap<>()).put(m.message(), m.count());
    }
    for (Map.Entry<String, Map<String, Long>> service : expected.entrySet()) {
      List<Long> counts = new ArrayList<>(service.getValue().values());
      counts.sort(Comparator.reverseOrder());
      long fifth = counts.get(Math.min(counts.size(), DashboardQueries.TOP_MESSAGES) - 1);
      assertThat(actual.get(service.getKey()))
          .as(service.getKey())
          .hasSizeLessThanOrEqualTo(DashboardQueries.TOP_MESSAGES)
          .allSatisfy((message, n) -> assertThat(service.getValue().get(message)).isEqualTo(n))
          .allSatisfy((message, n) -> assertThat(n).isGreaterThanOrEqualTo(fifth));
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
  }

  @Test
  void latestEventsArePagedNewestFirstAndFiltered(SparkSession spark) {
    Dataset<Row> logs = logs(spark, iceberg);
    List<DashboardTestData.Event> all = DashboardTestData.newestFirst();
    DashboardQueries.Page first = DashboardQueries.latest(logs, LogFilter.NONE);
    assertThat(first.hasNext()).isTrue();
    assertThat(first.events())
        .extracting(Event::message)
        .containsExactlyElementsOf(
            all.subList(0, 50).stream().map(DashboardTestData.Event::message).toList());
    DashboardQueries.Page second = DashboardQueries.latest(logs, LogFilter.NONE.onPage(2));
    assertThat(second.events())
        .extracting(Event::ts)
        .containsExactlyElementsOf(
            all.subList(50, 100).stream().map(DashboardTestData.Event::ts).toList());

    Instant from = NOW.minus(Duration.ofHours(3));
    LogFilter filter = LogFilter.parse("service=payments&level=error&from=" + from + "&to=" + NOW);
    List<Instant> expected =
        all.stream()
            .filter(e -> e.service().equals("payments") && e.level().equals("ERROR"))
            .filter(e -> !e.ts().isBefore(from) && e.ts().isBefore(NOW))
            .map(DashboardTestData.Event::ts)
            .toList();
    assertThat(expected).isNotEmpty().hasSizeLessThan(50);
    DashboardQueries.Page filtered = DashboardQueries.latest(logs, filter);
    assertThat(filtered.events()).extracting(Event::ts).containsExactlyElementsOf(expected);
    assertThat(filtered.hasNext()).isFalse();
  }

  @Test
  void injectionTextInTheServiceFilterMatchesOnlyThatExactText(SparkSession spark) {
    Dataset<Row> logs = logs(spark, parquet);
    for (String attempt :
        List.of("' OR '1'='1", "auth' --", "auth; DROP TABLE x", "auth /* */", "\"auth\"", "%")) {
      assertThat(
              DashboardQueries.latest(logs, new LogFilter(attempt, null, null, null, 1)).events())
          .as(attempt)
          .isEmpty();
    }
    long tricky =
        DashboardTestData.kept().stream()
            .filter(e -> e.service().equals(DashboardTestData.TRICKY_SERVICE))
            .count();
    assertThat(tricky).isGreaterThan(50);
    DashboardQueries.Page page =
        DashboardQueries.latest(
            logs, new LogFilter(DashboardTestData.TRICKY_SERVICE, null, null, null, 1));
    assertThat(page.events())
        .hasSize(50)
        .allSatisfy(e -> assertThat(e.service()).isEqualTo(DashboardTestData.TRICKY_SERVICE));
    assertThat(logs.count()).isEqualTo(DashboardTestData.kept().size());
  }

  @Test
  void chartsEndNowUnlessTheNewestEventIsBeforeTheWindowEndingNow() {
    Instant now = Instant.parse("2026-01-02T10:20:00Z");
    assertThat(DashboardQueries.window(TimeWindow::hours, null, now).anchor()).isEqualTo(now);
    // The 24 h window ending now starts at 2026-01-01T11:00.
    Instant inside = Instant.parse("2026-01-01T11:00:00Z");
    assertThat(DashboardQueries.window(TimeWindow::hours, inside, now).anchor()).isEqualTo(now);
    Instant before = Instant.parse("2026-01-01T10:59:59Z");
    TimeWindow old = DashboardQueries.window(TimeWindow::hours, before, now);
    assertThat(old.anchor()).isEqualTo(before);
    assertThat(old.end()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
    assertThat(old.start()).isEqualTo(Instant.parse("2025-12-31T11:00:00Z"));
    TimeWindow minutes = DashboardQueries.window(TimeWindow::minutes, inside, now);
    assertThat(minutes.anchor()).isEqualTo(inside);
    assertThat(minutes.end()).isEqualTo(Instant.parse("2026-01-01T11:01:00Z"));
    assertThat(minutes.start()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));
  }
}
