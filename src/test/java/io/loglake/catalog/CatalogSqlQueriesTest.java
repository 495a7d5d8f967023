package io.loglake.catalog;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.EtlConfig;
import io.loglake.config.TableFormat;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.testing.SparkTestSession;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query under sql/athena/queries/, run on Spark SQL against a catalog holding real job output
 * (raw_logs registered by the crawler, app_logs_curated registered by the ETL run), each result
 * checked against counts computed from the generated .gz files with plain Java. The queries' clock
 * is pinned at {@link #NOW} (see {@link QueryResults#rowsAt}), the instant the data is generated
 * around, so the results do not depend on the day the test runs or on a run crossing midnight.
 */
@ExtendWith(SparkTestSession.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogSqlQueriesTest {
  /** What the queries take as now: whole seconds, as the error-rate query compares them. */
  static final Instant NOW = Instant.parse("2025-11-10T06:30:00Z");

  static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

  Path dir;
  List<RawLogs.Raw> records;
  RunReport report;

  /**
   * The curated table's format; {@link CatalogSqlQueriesIcebergTest} runs every query on iceberg.
   */
  TableFormat format() {
    return TableFormat.PARQUET;
  }

  @BeforeAll
  void pipeline(SparkSession spark, @TempDir Path tempDir) {
    dir = tempDir;
    spark.sql("DROP TABLE IF EXISTS logs_db.raw_logs");
    spark.sql("DROP TABLE IF EXISTS logs_analytics.app_logs_curated");
    Path raw = dir.resolve("raw");
    // Yesterday, which the date-relative queries look at, and a day outside their 7-day window.
    TestRawZones.produce(
        raw,
        3000,
        7,
        TODAY.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
        Duration.ofHours(24));
    TestRawZones.produce(
        raw,
        600,
        8,
        TODAY.minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant(),
        Duration.ofHours(6));
    records = RawLogs.read(raw);
    RawLogsCrawler.crawl(
        new SparkRawTableCatalog(spark),
        spark.sparkContext().hadoopConfiguration(),
        raw.toString(),
        TableName.parse(EtlConfig.DEFAULT_TABLE),
        100);
    report =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .rawPath(raw.toString())
                .curatedPath(dir.resolve("curated").toString())
                .levels(Set.of("WARN", "ERROR"))
                .curatedTable(TableName.parse(EtlConfig.DEFAULT_CURATED_TABLE))
                .format(format())
                .build());
  }

  private List<RawLogs.Raw> curated(Predicate<RawLogs.Raw> filter) {
    return records.stream().filter(RawLogs.Raw::warnOrError).filter(filter).toList();
  }

  private static boolean lastWeek(RawLogs.Raw r) {
    return !r.date().isBefore(TODAY.minusDays(7));
  }

  @Test
  void theSeedQueryFixedCountsYesterdaysErrorsPerService(SparkSession spark) {
    Map<String, Long> errors =
        curated(r -> r.level().equals("ERROR") && r.date().equals(TODAY.minusDays(1))).stream()
            .collect(groupingBy(RawLogs.Raw::service, counting()));
    List<String> expected =
        errors.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(e -> e.getKey() + "|" + e.getValue())
            .toList();

    assertThat(expected).hasSize(3);
    assertThat(QueryResults.rowsAt(spark, "athena/queries/errors_by_service_yesterday.sql", NOW))
        .isEqualTo(expected);
  }

  @Test
  void warnAndErrorPerServicePerHour(SparkSession spark) {
    Map<String, long[]> counts = new TreeMap<>();
    for (RawLogs.Raw r : curated(CatalogSqlQueriesTest::lastWeek)) {
      long[] c =
          counts.computeIfAbsent(
              r.date() + "|" + String.format("%02d", r.hour()) + "|" + r.service(),
              k -> new long[2]);
      c[r.level().equals("WARN") ? 0 : 1]++;
    }
    List<String> expected = new ArrayList<>();
    counts.forEach(
        (key, c) -> {
          String[] parts = key.split("\\|");
          expected.add(
              parts[0]
                  + "|"
                  + Integer.parseInt(parts[1])
                  + "|"
                  + parts[2]
                  + "|"
                  + c[0]
                  + "|"
                  + c[1]);
        });

    assertThat(expected).hasSizeGreaterThan(24);
    assertThat(
            QueryResults.rowsAt(spark, "athena/queries/warn_error_per_service_per_hour.sql", NOW))
        .isEqualTo(expected);
  }

  @Test
  void topFiveMessagesPerService(SparkSession spark) {
    Map<String, Map<String, Long>> perService =
        curated(CatalogSqlQueriesTest::lastWeek).stream()
            .collect(
                groupingBy(
                    RawLogs.Raw::service,
                    TreeMap::new,
                    groupingBy(RawLogs.Raw::message, counting())));
    List<String> expected = new ArrayList<>();
    perService.forEach(
        (service, messages) ->
            messages.entrySet().stream()
                .sorted(
                    Map.Entry.<String, Long>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(5)
                .forEach(e -> expected.add(service + "|" + e.getKey() + "|" + e.getValue())));

    assertThat(QueryResults.rowsAt(spark, "athena/queries/top_messages_per_service.sql", NOW))
        .isEqualTo(expected);
  }

  @Test
  void errorsPerUserAndPerIp(SparkSession spark) {
    List<RawLogs.Raw> errors = curated(r -> r.level().equals("ERROR") && lastWeek(r));
    assertThat(QueryResults.rowsAt(spark, "athena/queries/errors_per_user.sql", NOW))
        .isEqualTo(top20(errors, RawLogs.Raw::userId, RawLogs.Raw::ip, RawLogs.Raw::service));
    assertThat(QueryResults.rowsAt(spark, "athena/queries/errors_per_ip.sql", NOW))
        .isEqualTo(top20(errors, RawLogs.Raw::ip, RawLogs.Raw::userId, null));
  }

  /** Top 20 keys by error count (then key), each with the distinct counts of the other fields. */
  private static List<String> top20(
      List<RawLogs.Raw> errors,
      Function<RawLogs.Raw, String> key,
      Function<RawLogs.Raw, String> distinct1,
      Function<RawLogs.Raw, String> distinct2) {
    Map<String, List<RawLogs.Raw>> byKey = errors.stream().collect(groupingBy(key));
    return byKey.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, List<RawLogs.Raw>>>comparingInt(e -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey))
        .limit(20)
        .map(
            e ->
                e.getKey()
                    + "|"
                    + e.getValue().size()
                    + "|"
                    + e.getValue().stream().map(distinct1).distinct().count()
                    + (distinct2 == null
                        ? ""
                        : "|" + e.getValue().stream().map(distinct2).distinct().count()))
        .toList();
  }

  @Test
  void errorRateOfTheLastDayAgainstAllRecordsFromRawLogs(SparkSession spark) {
    List<String> rows = QueryResults.rowsAt(spark, "athena/queries/error_rate_last_24h.sql", NOW);

    Instant dayAgo = NOW.minus(Duration.ofDays(1));
    List<RawLogs.Raw> recent = records.stream().filter(r -> !r.ts().isBefore(dayAgo)).toList();
    long recentErrors = recent.stream().filter(r -> r.level().equals("ERROR")).count();
    long errorsAll = records.stream().filter(r -> r.level().equals("ERROR")).count();
    // The last day holds part of yesterday's records and none of the older day's.
    assertThat(recent).isNotEmpty().hasSizeLessThan(records.size());
    assertThat(recentErrors).isPositive();
    assertThat(rows)
        .containsExactly(
            String.join(
                "|",
                Long.toString(recentErrors),
                Long.toString(recent.size()),
                percent(recentErrors, recent.size()).toPlainString(),
                Long.toString(errorsAll),
                Long.toString(records.size()),
                percent(errorsAll, records.size()).toPlainString()));
  }

  private static BigDecimal percent(long part, long whole) {
    return BigDecimal.valueOf(part * 100)
        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }

  @Test
  void theRunRegisteredWhatItWroteAndAllQueriesRanOnIt(SparkSession spark) {
    List<String> hours =
        curated(r -> true).stream()
            .map(r -> "dt=" + r.date() + "/hr=" + r.hour())
            .distinct()
            .sorted()
            .toList();
    assertThat(hours).hasSize(24 + 6);
    assertThat(report.recordsWritten()).isEqualTo(curated(r -> true).size());
    assertThat(partitions(spark)).containsExactlyInAnyOrderElementsOf(hours);
  }

  /** The partitions the catalog knows (parquet: registered by the run). */
  List<String> partitions(SparkSession spark) {
    return QueryResults.rowsOf(spark, "SHOW PARTITIONS logs_analytics.app_logs_curated");
  }
}
