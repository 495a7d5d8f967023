package io.loglake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.dashboard.DashboardQueries.Count;
import io.loglake.dashboard.DashboardQueries.TimeWindow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:30:10Z");
  private static final Pattern BAR =
      Pattern.compile(
          "<rect class=\"bar level-(\\w+)\"[^>]* data-service=\"([^\"]*)\" data-level=\"(\\w+)\""
              + " data-bucket=\"([^\"]*)\" data-count=\"(\\d+)\">");

  @Test
  void timelineDrawsOneBarPerNonZeroCountCarryingItsNumbers() {
    TimeWindow hours = TimeWindow.hours(NOW);
    List<Count> counts =
        List.of(
            new Count("auth", "ERROR", Instant.parse("2026-11-30T12:00:00Z"), 7),
            new Count("auth", "WARN", Instant.parse("2026-11-30T12:00:00Z"), 2),
            new Count("auth", "ERROR", Instant.parse("2026-11-29T13:00:00Z"), 3),
            new Count("pay", "WARN", Instant.parse("2026-11-30T01:00:00Z"), 0),
            new Count("pay", "ERROR", Instant.parse("2026-11-29T12:00:00Z"), 5));
    String svg = SvgCharts.timeline(hours, List.of("auth", "pay"), counts);
    Map<String, Long> bars = new LinkedHashMap<>();
    Matcher m = BAR.matcher(svg);
    while (m.find()) {
      assertThat(m.group(1)).isEqualTo(m.group(3).toLowerCase());
      bars.put(m.group(2) + "|" + m.group(3) + "|" + m.group(4), Long.parseLong(m.group(5)));
    }
    // 2026-11-29T12:00 is before the window (13:00 to 13:00); a zero draws nothing.
    assertThat(bars)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "auth|ERROR|2026-11-30T12:00:00Z", 7L,
                "auth|WARN|2026-11-30T12:00:00Z", 2L,
                "auth|ERROR|2026-11-29T13:00:00Z", 3L));
    assertThat(svg)
        .contains("data-service=\"auth\" data-level=\"ERROR\" data-total=\"10\"")
        .contains("data-service=\"pay\" data-level=\"ERROR\" data-total=\"0\"")
        .contains("<title>auth ERROR at 12:00 UTC: 7</title>");
  }

  @Test
  void timelineEscapesServiceNames() {
    String evil = "<script>alert(1)</script>\"'";
    String svg =
        SvgCharts.timeline(
            TimeWindow.minutes(NOW),
            List.of(evil),
            List.of(new Count(evil, "ERROR", Instant.parse("2026-11-30T12:30:00Z"), 4)));
    assertThat(svg).doesNotContain("<script>").doesNotContain(evil);
    assertThat(svg).contains("data-service=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;\"");
  }

  @Test
  void barsAndQuarantineCarryCountsAndEscapeLabels() {
    String bars =
        SvgCharts.bars(
            "top",
            List.of(
                new SvgCharts.Bar("<img src=x onerror=alert(2)>", 9, "9", Map.of("service", "a")),
                new SvgCharts.Bar("db timeout", 3, "3", Map.of())));
    assertThat(bars)
        .contains("data-count=\"9\" data-service=\"a\"")
        .contains("data-count=\"3\"")
        .doesNotContain("<img");
    String quarantine =
        SvgCharts.quarantine(
            List.of("run-2", "run-1"),
            List.of(Map.of("unparseable_json", 4L), Map.of("bad_timestamp", 1L)));
    assertThat(quarantine)
        .contains("data-run=\"run-2\" data-reason=\"unparseable_json\" data-count=\"4\"")
        .contains("data-run=\"run-1\" data-reason=\"bad_timestamp\" data-count=\"1\"");
  }
}
