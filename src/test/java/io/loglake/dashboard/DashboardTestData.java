package io.loglake.dashboard;

import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.config.TableFormat;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.testing.LogFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * A known curated table for the dashboard's tests: {@link #events()} written as raw .gz files and
 * curated by the real ETL job (WARN and ERROR kept, INFO filtered out, five resends removed as
 * duplicates, two bad lines quarantined), its run report kept where the dashboard reads reports.
 * Expected numbers are computed from {@link #events()} with plain Java ({@link #kept()}).
 */
final class DashboardTestData {
  /** The dashboard's "now" in the tests. */
  static final Instant NOW = Instant.parse("2026-11-30T12:30:10Z");

  static final String SCRIPT_MESSAGE = "<script>alert(1)</script>";
  static final String IMG_MESSAGE = "<img src=x onerror=alert(2)>";
  static final String TRICKY_SERVICE = "o'hare\"; -- /* svc */";

  static final List<String> SERVICES = List.of("auth", "payments", "search", TRICKY_SERVICE);
  static final List<String> MESSAGES =
      List.of(
          "db timeout",
          SCRIPT_MESSAGE,
          "payment declined",
          IMG_MESSAGE,
          "cache miss",
          "quote \" and ' and & chars",
          "db timeout");

  /** One source event. */
  record Event(String id, Instant ts, String level, String service, String message) {}

  /** What was written: the curated folder and the run's report. */
  record Written(String curated, String reports, RunReport report) {}

  private static final Map<TableFormat, Written> SHARED =
      new java.util.EnumMap<>(TableFormat.class);

  private DashboardTestData() {}

  /**
   * The table of {@code format}, written once per test JVM (under {@code target/}) and shared by
   * the dashboard's test classes, which only read it.
   */
  static synchronized Written shared(SparkSession spark, TableFormat format) {
    Written written = SHARED.get(format);
    if (written == null) {
      try {
        Path dir =
            Files.createTempDirectory(
                Path.of("target").toAbsolutePath(), "dashboard-" + format.text() + "-");
        written = write(spark, dir, format);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SHARED.put(format, written);
    }
    return written;
  }

  /**
   * 480 events, one every 223 s back from {@link #NOW} (about 29.7 hours, so some fall outside the
   * 24-hour window); every fifth INFO, else ERROR or WARN.
   */
  static List<Event> events() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 480; i++) {
      String level = i % 5 == 0 ? "INFO" : (i % 3 == 0 ? "WARN" : "ERROR");
      events.add(
          new Event(
              "e" + i,
              NOW.minusSeconds(223L * i).truncatedTo(ChronoUnit.SECONDS),
              level,
              SERVICES.get(i % SERVICES.size()),
              MESSAGES.get(i % MESSAGES.size())));
    }
    return events;
  }

  /** The events the curated table holds: WARN and ERROR (etl's default levels), once each. */
  static List<Event> kept() {
    return events().stream().filter(e -> !e.level().equals("INFO")).toList();
  }

  /** The kept events newest first (the latest-events order; ties cannot happen here). */
  static List<Event> newestFirst() {
    List<Event> out = new ArrayList<>(kept());
    out.sort(Comparator.comparing(Event::ts).reversed());
    return out;
  }

  /** Kept events per {@code service|level|bucket start} within {@code [start, end)}. */
  static Map<String, Long> perBucket(Instant start, Instant end, ChronoUnit unit) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Event e : kept()) {
      if (!e.ts().isBefore(start) && e.ts().isBefore(end)) {
        out.merge(e.service() + "|" + e.level() + "|" + e.ts().truncatedTo(unit), 1L, Long::sum);
      }
    }
    return out;
  }

  /** Writes the events under {@code dir} and curates them with {@code format}. */
  static Written write(SparkSession spark, Path dir, TableFormat format) {
    List<String> first = new ArrayList<>();
    for (Event e : events()) {
      first.add(
          LogFixtures.record(
              e.ts().toString(), e.level(), e.service(), e.message(), "user_" + e.id(), e.id()));
    }
    first.add("this line is not JSON");
    first.add(LogFixtures.record("not a time", "ERROR", "auth", "bad time", "u", "bad-ts"));
    List<String> resent = new ArrayList<>();
    for (Event e : events().subList(1, 6)) {
      resent.add(
          LogFixtures.record(
              e.ts().toString(), e.level(), e.service(), e.message(), "user_" + e.id(), e.id()));
    }
    Path raw = dir.resolve("raw");
    LogFixtures.gzipFile(
        raw.resolve("2026/11/30/12/stream-1-2026-11-30-12-00-00-a.gz"),
        first.toArray(String[]::new));
    LogFixtures.gzipFile(
        raw.resolve("2026/11/30/12/stream-1-2026-11-30-12-05-00-b.gz"),
        resent.toArray(String[]::new));
    Path curated = dir.resolve("curated");
    RunReport report =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .rawPath(raw.toString())
                .curatedPath(curated.toString())
                .curatedTable(
                    new TableName(
                        "loglake_dashboard_test",
                        "curated_" + UUID.randomUUID().toString().substring(0, 8)))
                .format(format)
                .build());
    Path reports = dir.resolve(EtlConfig.DEFAULT_STATE_FOLDER).resolve("reports");
    try {
      Files.createDirectories(reports);
      Files.writeString(reports.resolve(report.runId() + ".json"), report.toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Written(curated.toString(), reports.toString(), report);
  }
}
