package io.loglake.dashboard;

import static io.loglake.dashboard.Html.escape;

import io.loglake.dashboard.DashboardQueries.Count;
import io.loglake.dashboard.DashboardQueries.TimeWindow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inline SVG charts drawn from already-aggregated numbers. Every bar carries its numbers: {@code
 * data-*} attributes (service, level, bucket, count) for tests and scripts, and a {@code <title>}
 * tooltip for people. Every text is escaped with {@link Html#escape}.
 */
public final class SvgCharts {
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int LABEL_WIDTH = 170;
  private static final int ROW_HEIGHT = 34;
  private static final int TOTAL_WIDTH = 120;
  private static final String[] PALETTE = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#9c755f"
  };

  private SvgCharts() {}

  /** A horizontal bar: its label, value, text shown after it and extra data attributes. */
  public record Bar(String label, long value, String shown, Map<String, String> data) {}

  /**
   * WARN/ERROR per service over {@code window}: one row per service (in the order given, the most
   * first), two bars per bucket (ERROR, WARN) scaled to the chart's largest count, the row's totals
   * at its end. A service/level/bucket with no events draws no bar.
   */
  public static String timeline(TimeWindow window, List<String> services, List<Count> counts) {
    int cell = window.unit() == ChronoUnit.HOURS ? 28 : 12;
    int width = LABEL_WIDTH + cell * window.buckets() + TOTAL_WIDTH;
    int height = 24 + ROW_HEIGHT * Math.max(1, services.size()) + 22;
    long most = 1;
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (Count c : counts) {
      most = Math.max(most, c.count());
    }
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart timeline\" data-window=\"%s\" role=\"img\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">",
            escape(window.unit().name().toLowerCase(Locale.ROOT)),
            width,
            height,
            width,
            height));
    svg.append("<title>").append(escape(window.name())).append("</title>");
    if (services.isEmpty()) {
      svg.append(
          "<text x=\"8\" y=\"40\" class=\"empty\">No WARN or ERROR events in this window.</text>");
    }
    for (int row = 0; row < services.size(); row++) {
      String service = services.get(row);
      int base = 24 + ROW_HEIGHT * row + ROW_HEIGHT - 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"service\" x=\"4\" y=\"%d\">%s</text>",
              base - 8,
              escape(shorten(service, 24))));
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>",
              LABEL_WIDTH,
              LABEL_WIDTH + cell * window.buckets(),
              base,
              base));
      totals.put(service, new long[2]);
    }
    for (Count c : counts) {
      int row = services.indexOf(c.service());
      int bucket = window.indexOf(c.bucket());
      int levelIndex = DashboardQueries.CHART_LEVELS.indexOf(c.level());
      if (row < 0 || bucket < 0 || levelIndex < 0 || c.count() <= 0) {
        continue;
      }
      totals.get(c.service())[levelIndex] += c.count();
      int base = 24 + ROW_HEIGHT * row + ROW_HEIGHT - 4;
      int barHeight = (int) Math.max(1, Math.round((ROW_HEIGHT - 8) * (double) c.count() / most));
      int barWidth = Math.max(2, cell / 2 - 1);
      int x = LABEL_WIDTH + cell * bucket + levelIndex * (barWidth + 1);
      String text =
          c.service() + " " + c.level() + " at " + label(window, c.bucket()) + " UTC: " + c.count();
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar level-%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
                  + " data-service=\"%s\" data-level=\"%s\" data-bucket=\"%s\" data-count=\"%d\">"
                  + "<title>%s</title></rect>",
              c.level().toLowerCase(Locale.ROOT),
              x,
              base - barHeight,
              barWidth,
              barHeight,
              escape(c.service()),
              escape(c.level()),
              escape(c.bucket().toString()),
              c.count(),
              escape(text)));
    }
    for (int row = 0; row < services.size(); row++) {
      String service = services.get(row);
      long[] t = totals.get(service);
      int base = 24 + ROW_HEIGHT * row + ROW_HEIGHT - 4;
      for (int level = 0; level < 2; level++) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text class=\"total level-%s\" x=\"%d\" y=\"%d\" data-service=\"%s\""
                    + " data-level=\"%s\" data-total=\"%d\">%s %,d</text>",
                DashboardQueries.CHART_LEVELS.get(level).toLowerCase(Locale.ROOT),
                LABEL_WIDTH + cell * window.buckets() + 8,
                base - 16 + level * 13,
                escape(service),
                DashboardQueries.CHART_LEVELS.get(level),
                t[level],
                DashboardQueries.CHART_LEVELS.get(level),
                t[level]));
      }
    }
    int step = window.unit() == ChronoUnit.HOURS ? 3 : 10;
    int axis = 24 + ROW_HEIGHT * Math.max(1, services.size()) + 14;
    for (int i = 0; i < window.buckets(); i += step) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"axis\" x=\"%d\" y=\"%d\">%s</text>",
              LABEL_WIDTH + cell * i,
              axis,
              escape(label(window, window.bucket(i)))));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text class=\"legend\" x=\"%d\" y=\"14\"><tspan class=\"level-error\">■ ERROR</tspan>"
                + " <tspan class=\"level-warn\">■ WARN</tspan> (UTC)</text>",
            LABEL_WIDTH));
    return svg.append("</svg>").toString();
  }

  /**
   * Horizontal bars, one per {@code bars} entry, scaled to the largest value; each {@code <rect>}
   * has {@code data-count} and the bar's own data attributes.
   */
  public static String bars(String cssClass, List<Bar> bars) {
    int barArea = 320;
    int labelWidth = 260;
    int height = 6 + 22 * Math.max(1, bars.size());
    int width = labelWidth + barArea + 140;
    long most = 1;
    for (Bar b : bars) {
      most = Math.max(most, b.value());
    }
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart %s\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " xmlns=\"http://www.w3.org/2000/svg\">",
            escape(cssClass),
            width,
            height,
            width,
            height));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = 4 + 22 * i;
      int w =
          (int) Math.max(b.value() > 0 ? 1 : 0, Math.round(barArea * (double) b.value() / most));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" x=\"4\" y=\"%d\">%s</text>",
              y + 14,
              escape(shorten(b.label(), 40))));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\""
                  + " data-count=\"%d\"%s><title>%s</title></rect>",
              labelWidth,
              y,
              w,
              PALETTE[0],
              b.value(),
              dataAttributes(b.data()),
              escape(b.label() + ": " + b.shown())));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"value\" x=\"%d\" y=\"%d\">%s</text>",
              labelWidth + w + 6,
              y + 14,
              escape(b.shown())));
    }
    return svg.append("</svg>").toString();
  }

  /**
   * One stacked horizontal bar per run: records quarantined by reason, each segment a {@code <rect
   * data-run data-reason data-count>}; a legend names the reasons' colours.
   */
  public static String quarantine(List<String> runs, List<Map<String, Long>> byReason) {
    List<String> reasons = new ArrayList<>();
    long most = 1;
    for (Map<String, Long> m : byReason) {
      long total = 0;
      for (Map.Entry<String, Long> e : m.entrySet()) {
        if (!reasons.contains(e.getKey())) {
          reasons.add(e.getKey());
        }
        total += e.getValue();
      }
      most = Math.max(most, total);
    }
    int labelWidth = 260;
    int barArea = 320;
    int height = 28 + 22 * Math.max(1, runs.size());
    int width = labelWidth + barArea + 140;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart quarantine\" role=\"img\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">",
            width,
            height,
            width,
            height));
    int lx = 4;
    for (int r = 0; r < reasons.size(); r++) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"legend\" x=\"%d\" y=\"14\" fill=\"%s\">■ %s</text>",
              lx,
              PALETTE[r % PALETTE.length],
              escape(reasons.get(r))));
      lx += 16 + 8 * Math.min(40, reasons.get(r).length());
    }
    for (int i = 0; i < runs.size(); i++) {
      int y = 24 + 22 * i;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" x=\"4\" y=\"%d\">%s</text>",
              y + 14,
              escape(shorten(runs.get(i), 40))));
      int x = labelWidth;
      long total = 0;
      for (Map.Entry<String, Long> e : byReason.get(i).entrySet()) {
        int w = (int) Math.round(barArea * (double) e.getValue() / most);
        total += e.getValue();
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"segment\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\""
                    + " data-run=\"%s\" data-reason=\"%s\" data-count=\"%d\"><title>%s</title></rect>",
                x,
                y,
                w,
                PALETTE[reasons.indexOf(e.getKey()) % PALETTE.length],
                escape(runs.get(i)),
                escape(e.getKey()),
                e.getValue(),
                escape(runs.get(i) + " " + e.getKey() + ": " + e.getValue())));
        x += w;
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"value\" x=\"%d\" y=\"%d\">%,d</text>",
              x + 6,
              y + 14,
              total));
    }
    return svg.append("</svg>").toString();
  }

  private static String dataAttributes(Map<String, String> data) {
    StringBuilder out = new StringBuilder();
    data.forEach(
        (k, v) ->
            out.append(" data-").append(escape(k)).append("=\"").append(escape(v)).append('"'));
    return out.toString();
  }

  private static String label(TimeWindow window, Instant t) {
    return HOUR.format(t);
  }

  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
