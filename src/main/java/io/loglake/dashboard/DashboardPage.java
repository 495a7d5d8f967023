package io.loglake.dashboard;

import static io.loglake.dashboard.Html.escape;

import io.loglake.config.LogLevels;
import io.loglake.dashboard.DashboardQueries.Event;
import io.loglake.dashboard.DashboardQueries.Message;
import io.loglake.job.RunReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link DashboardView} as one self-contained HTML page: inline CSS and SVG, nothing
 * loaded from elsewhere. The live page adds the filter form, paging links and a small inline script
 * that reloads it every {@code refresh} (not while a form field has the focus); the report has
 * neither form nor script.
 */
public final class DashboardPage {
  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 24px 40px;\
      color:#222;background:#fafafa}
      h1{font-size:22px;margin:18px 0 4px}h2{font-size:17px;margin:26px 0 8px}
      section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:4px 16px 14px;\
      margin-top:14px;overflow-x:auto}
      .meta{color:#555;font-size:13px;margin:2px 0}
      table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #eee;\
      padding:3px 8px;text-align:left;vertical-align:top}th{background:#f2f2f2}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      td.msg{max-width:720px;word-break:break-word;white-space:pre-wrap}
      svg text{font-size:11px;fill:#333}svg .service{font-size:12px}svg .axis{fill:#777}
      .level-error{fill:#d62728}.level-warn{fill:#ff9f1a}
      svg tspan.level-error{fill:#d62728}svg tspan.level-warn{fill:#c77700}
      form{display:flex;gap:10px;flex-wrap:wrap;align-items:end;font-size:13px;margin-bottom:10px}
      form label{display:flex;flex-direction:column;gap:2px}
      .pager a{margin-right:12px}.error{color:#a00}.empty{color:#777}
      """;

  private DashboardPage() {}

  /** The live page: with the filter form, paging, and a reload every {@code refresh}. */
  public static String live(DashboardView view, Duration refresh) {
    return render(view, refresh, true);
  }

  /** The report: the same views, first page of the latest events, no form, no script. */
  public static String report(DashboardView view) {
    return render(view, null, false);
  }

  /** A 400 page saying which parameter was refused and why. */
  public static String badRequest(LogFilter.BadParameter bad) {
    return page(
        "Bad request",
        "<h1>Bad request</h1><p class=\"error\" id=\"bad-parameter\" data-parameter=\""
            + escape(bad.parameter())
            + "\">Parameter <b>"
            + escape(bad.parameter())
            + "</b>: "
            + escape(bad.getMessage())
            + "</p><p><a href=\"/\">Back to the dashboard</a></p>",
        null);
  }

  /** A page saying the views could not be read (the table or the reports), and why. */
  public static String failure(String message) {
    return page(
        "Cannot show the dashboard",
        "<h1>Cannot show the dashboard</h1><p class=\"error\">"
            + escape(message)
            + "</p><p>The page is tried again on reload.</p>",
        null);
  }

  private static String render(DashboardView view, Duration refresh, boolean live) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>")
        .append(live ? "loglake dashboard" : "loglake report")
        .append("</h1>")
        .append("<p class=\"meta\" id=\"table\">Table: ")
        .append(escape(view.table()))
        .append("</p><p class=\"meta\" id=\"newest\">Newest event: ")
        .append(view.newest() == null ? "none" : escape(view.newest().toString()))
        .append(". Made at ")
        .append(escape(view.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
        .append(live && refresh != null ? ", reloads every " + refresh.toSeconds() + " s" : "")
        .append(".</p>");

    appendTimeline(body, "hours", view, view.hours(), view.hourCounts());
    appendTimeline(body, "minutes", view, view.minutes(), view.minuteCounts());
    appendTopMessages(body, view);
    appendLatest(body, view, live);
    appendQuality(body, view.runs());
    String script = live ? refreshScript(refresh) : null;
    return page(live ? "loglake dashboard" : "loglake report", body.toString(), script);
  }

  private static void appendTimeline(
      StringBuilder body,
      String id,
      DashboardView view,
      DashboardQueries.TimeWindow window,
      List<DashboardQueries.Count> counts) {
    body.append("<section id=\"")
        .append(id)
        .append("\"><h2>WARN and ERROR per service: ")
        .append(escape(window.name().toLowerCase(Locale.ROOT)))
        .append("</h2><p class=\"meta anchor\" data-anchor=\"")
        .append(escape(window.anchor().toString()))
        .append("\">")
        .append(escape(minute(window.start())))
        .append(" to ")
        .append(escape(minute(window.end())))
        .append(" UTC, ending ")
        .append(
            view.anchoredAtNewest(window)
                ? "at the newest event: nothing newer arrived in this span up to now"
                : "now")
        .append(".</p>")
        .append(SvgCharts.timeline(window, DashboardView.services(counts), counts))
        .append("</section>");
  }

  /** The live page's reload script (its body), or null when it does not reload. */
  static String refreshScript(Duration refresh) {
    if (refresh == null || refresh.isZero()) {
      return null;
    }
    return "(function(){setInterval(function(){var a=document.activeElement;"
        + "if(a&&a.form){return;}location.reload();},"
        + refresh.toMillis()
        + ");})();";
  }

  /**
   * The live page's Content-Security-Policy: nothing loaded from anywhere, inline style, and as
   * script only the reload script (by its hash): an injected script or event handler would not run
   * even if escaping failed.
   */
  public static String contentSecurityPolicy(Duration refresh) {
    String script = refreshScript(refresh);
    String scripts = "'none'";
    if (script != null) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
        scripts = "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
    return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self';"
        + " script-src "
        + scripts;
  }

  private static void appendTopMessages(StringBuilder body, DashboardView view) {
    body.append("<section id=\"top-messages\"><h2>Top ")
        .append(DashboardQueries.TOP_MESSAGES)
        .append(" ERROR messages per service (same 24 hours)</h2>");
    Map<String, List<Message>> byService = new LinkedHashMap<>();
    for (Message m : view.topMessages()) {
      byService.computeIfAbsent(m.service(), s -> new ArrayList<>()).add(m);
    }
    if (byService.isEmpty()) {
      body.append("<p class=\"empty\">No ERROR events in this window.</p>");
    }
    byService.forEach(
        (service, messages) -> {
          body.append("<h3 class=\"service\">").append(escape(service)).append("</h3>");
          List<SvgCharts.Bar> bars = new ArrayList<>();
          for (Message m : messages) {
            bars.add(
                new SvgCharts.Bar(
                    m.message(),
                    m.count(),
                    String.format(Locale.ROOT, "%,d", m.count()),
                    Map.of("service", service, "message", m.message())));
          }
          body.append(SvgCharts.bars("top-messages", bars));
        });
    body.append("</section>");
  }

  private static void appendLatest(StringBuilder body, DashboardView view, boolean live) {
    LogFilter f = view.filter();
    body.append("<section id=\"latest\"><h2>Latest events</h2>");
    if (live) {
      body.append("<form method=\"get\" action=\"/\" id=\"filter\">")
          .append("<label>Service<input name=\"service\" value=\"")
          .append(escape(f.service()))
          .append("\"></label><label>Level<select name=\"level\"><option value=\"\">any</option>");
      for (String level : LogLevels.KNOWN) {
        body.append("<option")
            .append(level.equals(f.level()) ? " selected" : "")
            .append(">")
            .append(escape(level))
            .append("</option>");
      }
      body.append("</select></label><label>From (UTC, ISO-8601)<input name=\"from\" value=\"")
          .append(escape(f.from() == null ? "" : f.from().toString()))
          .append("\" placeholder=\"2026-12-01T13:00:00Z\"></label>")
          .append("<label>To (UTC)<input name=\"to\" value=\"")
          .append(escape(f.to() == null ? "" : f.to().toString()))
          .append("\"></label><button type=\"submit\">Filter</button>")
          .append("<a href=\"/\">Clear</a></form>");
    }
    List<Event> events = view.latest().events();
    body.append("<p class=\"meta\" id=\"latest-page\" data-page=\"")
        .append(f.page())
        .append("\" data-rows=\"")
        .append(events.size())
        .append("\">Page ")
        .append(f.page())
        .append(", ")
        .append(events.size())
        .append(" events, newest first (")
        .append(LogFilter.PAGE_SIZE)
        .append(" per page).</p>");
    body.append(
        "<table id=\"latest-events\"><thead><tr><th>Time (UTC)</th><th>Level</th><th>Service</th>"
            + "<th>Message</th></tr></thead><tbody>");
    for (Event e : events) {
      body.append("<tr class=\"event\"><td>")
          .append(escape(e.ts() == null ? "" : e.ts().toString()))
          .append("</td><td class=\"level\">")
          .append(escape(e.level()))
          .append("</td><td class=\"service\">")
          .append(escape(e.service()))
          .append("</td><td class=\"msg\">")
          .append(escape(e.message()))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    if (live && (f.page() > 1 || view.latest().hasNext())) {
      body.append("<p class=\"pager\">");
      if (f.page() > 1) {
        body.append("<a id=\"previous\" href=\"/?")
            .append(escape(f.onPage(f.page() - 1).toQuery()))
            .append("\">&larr; Newer</a>");
      }
      if (view.latest().hasNext() && f.page() < LogFilter.MAX_PAGE) {
        body.append("<a id=\"next\" href=\"/?")
            .append(escape(f.onPage(f.page() + 1).toQuery()))
            .append("\">Older &rarr;</a>");
      }
      body.append("</p>");
    }
    body.append("</section>");
  }

  private static void appendQuality(StringBuilder body, RunReports result) {
    List<RunReport> runs = result.runs();
    body.append("<section id=\"quality\"><h2>Data quality: the newest ")
        .append(RunReports.MAX_RUNS)
        .append(" runs at most, newest first</h2>");
    if (runs.isEmpty()) {
      body.append("<p class=\"empty\">No run report found.</p>");
    } else {
      List<String> ids = runs.stream().map(RunReport::runId).toList();
      body.append("<h3>Records quarantined by reason, per run</h3>")
          .append(
              SvgCharts.quarantine(
                  ids, runs.stream().map(RunReport::quarantinedByReason).toList()));
      List<SvgCharts.Bar> durations = new ArrayList<>();
      for (RunReport r : runs) {
        durations.add(
            new SvgCharts.Bar(
                r.runId(),
                r.durationMs(),
                String.format(Locale.ROOT, "%,.1f s", r.durationMs() / 1000.0),
                Map.of("run", r.runId())));
      }
      body.append("<h3>Run durations</h3>").append(SvgCharts.bars("durations", durations));
      body.append(
          "<table id=\"runs\"><thead><tr><th>Run</th><th>Started</th><th>Duration</th>"
              + "<th>Read</th><th>Written</th><th>Quarantined</th><th>Duplicates removed</th>"
              + "<th>Unreadable files</th></tr></thead><tbody>");
      for (RunReport r : runs) {
        body.append("<tr class=\"run\" data-run=\"")
            .append(escape(r.runId()))
            .append("\"><td>")
            .append(escape(r.runId()))
            .append("</td><td>")
            .append(escape(r.startedAt()))
            .append("</td>")
            .append(num("duration-ms", r.durationMs()))
            .append(num("read", r.recordsRead()))
            .append(num("written", r.recordsWritten()))
            .append(num("quarantined", r.recordsQuarantined()))
            .append(num("duplicates", r.duplicatesRemoved()))
            .append(num("unreadable", r.unreadableFiles().size()))
            .append("</tr>");
      }
      body.append("</tbody></table>");
    }
    if (!result.unreadable().isEmpty()) {
      body.append("<p class=\"error\">Reports that could not be read:</p><ul>");
      for (String u : result.unreadable()) {
        body.append("<li>").append(escape(u)).append("</li>");
      }
      body.append("</ul>");
    }
    body.append("</section>");
  }

  private static String num(String name, long value) {
    return String.format(
        Locale.ROOT, "<td class=\"num %s\" data-count=\"%d\">%,d</td>", name, value, value);
  }

  private static String minute(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
  }

  private static String page(String title, String body, String script) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        // No favicon request (a 404 would be a console error).
        + "<link rel=\"icon\" href=\"data:,\">"
        + "<title>"
        + escape(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body>"
        + body
        + (script == null ? "" : "<script>" + script + "</script>")
        + "</body></html>\n";
  }
}
