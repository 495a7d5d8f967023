package io.loglake.dashboard;

import static io.loglake.dashboard.DashboardTestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.TableFormat;
import io.loglake.testing.Browser;
import io.loglake.testing.BrowserElement;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the HTML report in a real headless chromium ({@link Browser}): the dashboard
 * served in this JVM on a free port over a table the ETL curated from known events (Parquet, read
 * by location; DashboardServerTest serves Iceberg). The charts show the counts computed with plain
 * Java, a filter changes the latest events, injection attempts in the filters change nothing,
 * script and markup in log messages are text, and the page logs no console error. Screenshots go to
 * {@code target/screenshots/}.
 */
class DashboardBrowserIT {
  private static final List<String> INJECTIONS =
      List.of("' OR '1'='1", "auth'; --", "auth /* */", "\"; DROP TABLE t; --", "<b>auth</b>");

  private static DashboardServer server;
  private static Browser browser;
  private static DashboardTestData.Written written;
  private static String base;

  @BeforeAll
  static void start() {
    SparkSession spark = SparkTestSession.get();
    written = DashboardTestData.shared(spark, TableFormat.PARQUET);
    server =
        DashboardServer.start(
            spark,
            new CuratedData(written.curated(), CuratedData.Format.AUTO),
            List.of(written.reports()),
            "127.0.0.1",
            0,
            // Long enough not to reload under a test, and its script is on the page.
            Duration.ofMinutes(10),
            Clock.fixed(NOW, ZoneOffset.UTC));
    base = "http://127.0.0.1:" + server.port() + "/";
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Chart totals {@code service|level} of the section {@code id}, as the browser reads them. */
  private static Map<String, Long> totals(String id) {
    Map<String, Long> out = new HashMap<>();
    for (BrowserElement total : browser.findAll("#" + id + " svg text.total")) {
      out.put(
          total.attribute("data-service") + "|" + total.attribute("data-level"),
          Long.parseLong(total.attribute("data-total")));
    }
    return out;
  }

  /** The sum of the bars' {@code data-count} per {@code service|level} in section {@code id}. */
  private static Map<String, Long> barSums(String id) {
    Map<String, Long> out = new HashMap<>();
    for (BrowserElement bar : browser.findAll("#" + id + " svg rect.bar")) {
      out.merge(
          bar.attribute("data-service") + "|" + bar.attribute("data-level"),
          Long.parseLong(bar.attribute("data-count")),
          Long::sum);
    }
    return out;
  }

  private static List<String> serviceCells() {
    return browser.findAll("#latest-events td.service").stream().map(BrowserElement::text).toList();
  }

  private static void filter(String service, String level) {
    browser.open(base);
    browser.waitFor("#filter");
    BrowserElement field = browser.find("#filter input[name=service]");
    field.clear();
    field.type(service);
    browser.find("#filter select[name=level]").select(level);
    browser.find("#filter button[type=submit]").click();
    browser.waitUntil("the filtered page", () -> browser.currentUrl().contains("service="));
    browser.waitFor("#latest-page");
  }

  private static void assertNoScriptRan() {
    assertThat(browser.findAll("#latest-events script, #latest-events img, svg script, svg img"))
        .isEmpty();
    assertThat(browser.executeScript("return typeof window.__injected;").asText())
        .isEqualTo("undefined");
  }

  @Test
  void chartsShowTheKnownCountsWithNoConsoleError() throws Exception {
    var r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    System.err.println(
        "SCRATCH status "
            + r.statusCode()
            + " len "
            + r.body().length()
            + " "
            + r.body().substring(0, Math.min(600, r.body().length())));
    browser.open(base);
    browser.waitFor("#hours svg");
    Map<String, Long> hours = DashboardServerTest.expectedTotals(ChronoUnit.HOURS, 24);
    Map<String, Long> minutes = DashboardServerTest.expectedTotals(ChronoUnit.MINUTES, 60);
    assertThat(totals("hours")).isEqualTo(hours);
    assertThat(totals("minutes")).isEqualTo(minutes);
    Map<String, Long> nonZero = new HashMap<>(hours);
    nonZero.values().removeIf(n -> n == 0);
    assertThat(barSums("hours")).isEqualTo(nonZero);
    assertThat(browser.find("#runs tr.run td.quarantined").attribute("data-count"))
        .isEqualTo(Long.toString(written.report().recordsQuarantined()));
    assertThat(browser.findAll("#latest-events tr.event")).hasSize(LogFilter.PAGE_SIZE);
    browser.screenshot("dashboard");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void aFilterChangesTheLatestEventsAndPagingKeepsIt() {
    browser.open(base);
    browser.waitFor("#latest-events");
    assertThat(serviceCells()).contains("auth", "payments");
    filter("payments", "ERROR");
    long expected =
        DashboardTestData.kept().stream()
            .filter(e -> e.service().equals("payments") && e.level().equals("ERROR"))
            .count();
    assertThat(expected).isGreaterThan(LogFilter.PAGE_SIZE);
    assertThat(serviceCells()).hasSize(LogFilter.PAGE_SIZE).containsOnly("payments");
    assertThat(browser.findAll("#latest-events td.level").stream().map(BrowserElement::text))
        .containsOnly("ERROR");
    browser.find("#next").click();
    browser.waitUntil("page 2", () -> browser.currentUrl().contains("page=2"));
    assertThat(serviceCells())
        .hasSize((int) Math.min(LogFilter.PAGE_SIZE, expected - LogFilter.PAGE_SIZE))
        .containsOnly("payments");
    browser.screenshot("dashboard-filtered");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void injectionAttemptsInTheFiltersChangeNothing() {
    filter(INJECTIONS.get(0), "");
    assertThat(browser.find("#latest-page").attribute("data-rows")).isEqualTo("0");
    for (String attempt : INJECTIONS) {
      browser.open(base + "?service=" + Html.urlEncode(attempt));
      browser.waitFor("#latest-page");
      assertThat(browser.find("#latest-page").attribute("data-rows")).as(attempt).isEqualTo("0");
      assertThat(browser.find("#filter input[name=service]").value()).isEqualTo(attempt);
      assertNoScriptRan();
      assertThat(browser.consoleErrors()).as(attempt).isEmpty();
    }
    browser.open(base + "?service=" + Html.urlEncode(DashboardTestData.TRICKY_SERVICE));
    browser.waitFor("#latest-page");
    assertThat(serviceCells())
        .hasSize(LogFilter.PAGE_SIZE)
        .containsOnly(DashboardTestData.TRICKY_SERVICE);
    for (String query :
        List.of(
            "level=ERROR%27%20OR%20%271%27%3D%271",
            "level=ERROR;--",
            "from=2026-11-30T10:00:00Z%27%20--",
            "to=%2F*%20*%2F",
            "page=2%20OR%201%3D1")) {
      browser.open(base + "?" + query);
      BrowserElement refused = browser.waitFor("#bad-parameter");
      assertThat(refused.attribute("data-parameter")).as(query).isEqualTo(query.split("=")[0]);
      assertNoScriptRan();
      // The 400 itself is logged as a failed load (network); no script error may follow.
      assertThat(browser.consoleErrors())
          .as(query)
          .allSatisfy(e -> assertThat(e.source()).isEqualTo("network"));
    }
    browser.open(base);
    browser.waitFor("#hours svg");
    assertThat(totals("hours")).isEqualTo(DashboardServerTest.expectedTotals(ChronoUnit.HOURS, 24));
  }

  @Test
  void scriptAndMarkupInLogMessagesRenderAsText() {
    browser.open(base);
    browser.waitFor("#latest-events");
    List<String> messages =
        browser.findAll("#latest-events td.msg").stream().map(BrowserElement::text).toList();
    assertThat(messages).contains(DashboardTestData.SCRIPT_MESSAGE, DashboardTestData.IMG_MESSAGE);
    assertThat(browser.findAll("img")).isEmpty();
    assertThat(browser.findAll("script")).hasSize(1);
    List<String> topMessages =
        browser.findAll("#top-messages svg text.label").stream().map(BrowserElement::text).toList();
    assertThat(topMessages).contains(DashboardTestData.SCRIPT_MESSAGE);
    assertNoScriptRan();
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void reportOpenedFromAFileShowsTheSameCounts() throws Exception {
    SparkSession spark = SparkTestSession.get();
    DashboardView view =
        DashboardView.load(
            spark,
            new CuratedData(written.curated(), CuratedData.Format.AUTO),
            List.of(written.reports()),
            LogFilter.NONE,
            NOW);
    Path file =
        Files.createTempDirectory(Path.of("target").toAbsolutePath(), "report-")
            .resolve("report.html");
    ReportFile.write(file, DashboardPage.report(view));
    browser.open(file.toUri().toString());
    browser.waitFor("#hours svg");
    assertThat(totals("hours")).isEqualTo(DashboardServerTest.expectedTotals(ChronoUnit.HOURS, 24));
    assertThat(totals("minutes"))
        .isEqualTo(DashboardServerTest.expectedTotals(ChronoUnit.MINUTES, 60));
    assertThat(browser.findAll("script")).isEmpty();
    assertThat(browser.findAll("#filter")).isEmpty();
    assertThat(browser.findAll("#latest-events tr.event")).hasSize(LogFilter.PAGE_SIZE);
    assertNoScriptRan();
    browser.screenshot("report");
    assertThat(browser.consoleErrors()).isEmpty();
  }
}
