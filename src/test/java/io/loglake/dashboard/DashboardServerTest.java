package io.loglake.dashboard;

import static io.loglake.dashboard.DashboardTestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.TableFormat;
import io.loglake.testing.SparkTestSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard served in this JVM on a free port over the known table (Iceberg, read by location
 * from the server's thread): the page's chart totals equal the counts computed with plain Java, a
 * bad parameter is a 400 naming it, data text is escaped, the page allows no script but its own.
 */
@ExtendWith(SparkTestSession.class)
class DashboardServerTest {
  private static final Pattern TOTAL =
      Pattern.compile(
          "<text class=\"total level-\\w+\"[^>]* data-service=\"([^\"]*)\" data-level=\"(\\w+)\""
              + " data-total=\"(\\d+)\">");

  private static DashboardServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    SparkSession spark = SparkTestSession.get();
    DashboardTestData.Written written = DashboardTestData.shared(spark, TableFormat.ICEBERG);
    server =
        DashboardServer.start(
            spark,
            new CuratedData(written.curated(), CuratedData.Format.AUTO),
            List.of(written.reports()),
            "127.0.0.1",
            0,
            Duration.ofSeconds(30),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code service|level} → total of the chart in the section {@code id}. */
  static Map<String, Long> totals(String html, String sectionId) {
    int start = html.indexOf("<section id=\"" + sectionId + "\">");
    String section = html.substring(start, html.indexOf("</section>", start));
    Map<String, Long> out = new HashMap<>();
    Matcher m = TOTAL.matcher(section);
    while (m.find()) {
      out.put(unescape(m.group(1)) + "|" + m.group(2), Long.parseLong(m.group(3)));
    }
    return out;
  }

  static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  /** Kept events per {@code service|level} in the chart's window; zero for levels with none. */
  static Map<String, Long> expectedTotals(ChronoUnit unit, int buckets) {
    var end = NOW.truncatedTo(unit).plus(1, unit);
    var start = end.minus(buckets, unit);
    Map<String, Long> out = new HashMap<>();
    for (DashboardTestData.Event e : DashboardTestData.kept()) {
      if (!e.ts().isBefore(start) && e.ts().isBefore(end)) {
        out.merge(e.service() + "|" + e.level(), 1L, Long::sum);
        out.putIfAbsent(e.service() + "|" + (e.level().equals("WARN") ? "ERROR" : "WARN"), 0L);
      }
    }
    return out;
  }

  @Test
  void pageShowsTheKnownCountsAndTheRunReport() throws Exception {
    HttpResponse<String> response = get("/");
    assertThat(response.statusCode()).isEqualTo(200);
    String html = response.body();
    assertThat(totals(html, "hours")).isEqualTo(expectedTotals(ChronoUnit.HOURS, 24));
    assertThat(totals(html, "minutes")).isEqualTo(expectedTotals(ChronoUnit.MINUTES, 60));
    DashboardTestData.Written written =
        DashboardTestData.shared(SparkTestSession.get(), TableFormat.ICEBERG);
    assertThat(html)
        .contains("data-run=\"" + written.report().runId() + "\"")
        .contains(
            "class=\"num quarantined\" data-count=\""
                + written.report().recordsQuarantined()
                + "\"")
        .contains(
            "class=\"num duplicates\" data-count=\"" + written.report().duplicatesRemoved() + "\"");
    assertThat(written.report().recordsQuarantined()).isEqualTo(2);
    assertThat(written.report().duplicatesRemoved()).isPositive();
    assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'")
        .contains("script-src 'sha256-")
        .doesNotContain("unsafe-eval");
  }

  @Test
  void dataTextIsEscapedEverywhere() throws Exception {
    String html = get("/").body();
    assertThat(html)
        .doesNotContain(DashboardTestData.SCRIPT_MESSAGE)
        .doesNotContain(DashboardTestData.IMG_MESSAGE)
        .doesNotContain(DashboardTestData.TRICKY_SERVICE)
        .contains(Html.escape(DashboardTestData.SCRIPT_MESSAGE))
        .contains(Html.escape(DashboardTestData.IMG_MESSAGE));
    // The only script is the page's own reload script.
    assertThat(html.split("<script", -1)).hasSize(2);
  }

  @Test
  void filterChangesTheLatestEvents() throws Exception {
    String html = get("/?service=search&level=WARN").body();
    long expected =
        DashboardTestData.kept().stream()
            .filter(e -> e.service().equals("search") && e.level().equals("WARN"))
            .count();
    assertThat(html).contains("data-rows=\"" + Math.min(50, expected) + "\"");
    assertThat(html.split("<tr class=\"event\">", -1)).hasSize((int) Math.min(50, expected) + 1);
    assertThat(html).doesNotContain("<td class=\"service\">auth</td>");
  }

  @Test
  void badParametersAre400PagesNamingThem() throws Exception {
    for (String[] bad :
        new String[][] {
          {"level=ERROR%27%20OR%20%271%27%3D%271", "level"},
          {"from=2026-11-30%27;--", "from"},
          {"to=%2F*%20*%2F", "to"},
          {"page=1;DROP", "page"},
          {"page=-1", "page"}
        }) {
      HttpResponse<String> response = get("/?" + bad[0]);
      assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(response.body()).contains("data-parameter=\"" + bad[1] + "\"");
    }
    assertThat(get("/elsewhere").statusCode()).isEqualTo(404);
  }
}
