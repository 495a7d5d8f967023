package io.loglake.bench;

import java.util.Locale;

/** The latency benchmark's results as Markdown (the README's table is this one). */
final class LatencyMarkdown {
  private LatencyMarkdown() {}

  static String render(LatencyResult result) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Stream latency benchmark of %s: `%s` at %s, %d cores, Java %s; load average (1/5/15"
                + " min) %s at the start, %s at the end. %,d records/s for %d s per scenario;"
                + " the first %d s of event time are the warm-up (not measured).%n%n",
            result.startedAt(),
            result.command(),
            result.revision(),
            result.cores(),
            result.javaVersion(),
            result.loadAverageAtStart(),
            result.loadAverageAtEnd(),
            result.rate(),
            result.seconds(),
            result.warmUpSeconds()));
    out.append(
        "Latency = first seen by the independent reader − event time, per row; seconds.\n\n");
    out.append(
        "| source | format | trigger | rows seen / produced | p50 | p95 | p99 | max | p95 ≤ 10 s"
            + " | producer rate (lag at end) |\n");
    out.append("|---|---|---|---:|---:|---:|---:|---:|---|---|\n");
    for (LatencyResult.Scenario s : result.scenarios()) {
      LatencyResult.Stats l = s.latency();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %,d / %,d%s | %s | %s | %s | %s | %s | %s/s (%s s) |%n",
              s.source(),
              s.format(),
              s.trigger(),
              s.rowsSeen(),
              s.recordsProduced(),
              s.duplicateRows() > 0 ? " (+" + s.duplicateRows() + " dup)" : "",
              seconds(l.p50()),
              seconds(l.p95()),
              seconds(l.p99()),
              seconds(l.max()),
              s.error() != null ? "failed: " + s.error() : s.targetMet() ? "yes" : "no",
              s.producerReportedRate() == null
                  ? "?"
                  : String.format(Locale.ROOT, "%,.0f", s.producerReportedRate()),
              seconds(s.producerLagAtEndMillis())));
    }
    out.append(
        "\nWhere the time goes (per row, p50 / p95, seconds; batches that read records):\n\n");
    out.append(
        "| source | format | trigger | event → batch start | batch duration | batch end → seen |"
            + " batches | records per batch, p50 | batch ms, p50 / max |\n");
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (LatencyResult.Scenario s : result.scenarios()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %d | %s | %s / %s |%n",
              s.source(),
              s.format(),
              s.trigger(),
              pair(s.waitForBatch()),
              pair(s.batchDuration()),
              pair(s.afterBatch()),
              s.batches(),
              s.recordsPerBatch().p50() == null
                  ? "–"
                  : String.format(Locale.ROOT, "%,d", s.recordsPerBatch().p50()),
              s.batchMillis().p50() == null
                  ? "–"
                  : String.format(Locale.ROOT, "%,d", s.batchMillis().p50()),
              s.batchMillis().max() == null
                  ? "–"
                  : String.format(Locale.ROOT, "%,d", s.batchMillis().max())));
    }
    for (LatencyResult.Scenario s : result.scenarios()) {
      if (s.phases().isEmpty()) {
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%nInside the batches of %s %s %s (Spark event log; ms per batch, median; total"
                  + " ms over %d batches):%n%n",
              s.source(),
              s.format(),
              s.trigger(),
              s.batches()));
      out.append(
          "| phase (Spark action at loglake call site) | batches | ms per batch | total ms |\n");
      out.append("|---|---:|---:|---:|\n");
      for (EventLogProfile.Phase phase : s.phases()) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %,d | %,d |%n",
                phase.name(),
                phase.batches(),
                phase.medianMillisPerBatch(),
                phase.totalMillis()));
      }
    }
    boolean anyRaw = result.scenarios().stream().anyMatch(s -> s.rawObjects() != null);
    if (anyRaw) {
      out.append(
          "\nRaw zone (p50 / p95, seconds): the producer's buffering decides when objects land.\n\n");
      out.append(
          "| format | trigger | objects | records per object, p50 | between objects, p50 |"
              + " event → object listed | object listed → row seen |\n");
      out.append("|---|---|---:|---:|---:|---:|---:|\n");
      for (LatencyResult.Scenario s : result.scenarios()) {
        if (s.rawObjects() == null) {
          continue;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %s | %s | %s | %s |%n",
                s.format(),
                s.trigger(),
                s.rawObjects(),
                s.rawRecordsPerObject().p50() == null
                    ? "–"
                    : String.format(Locale.ROOT, "%,d", s.rawRecordsPerObject().p50()),
                seconds(s.rawObjectIntervalMillis().p50()),
                pair(s.toRawLanding()),
                pair(s.rawLandingToReadable())));
      }
    }
    return out.toString();
  }

  /** One line for the console. */
  static String line(LatencyResult.Scenario s) {
    LatencyResult.Stats l = s.latency();
    return String.format(
        Locale.ROOT,
        "%s %s %s: %,d of %,d rows seen; latency p50 %s s, p95 %s s, p99 %s s; producer %s%s",
        s.source(),
        s.format(),
        s.trigger(),
        s.rowsSeen(),
        s.recordsProduced(),
        seconds(l.p50()),
        seconds(l.p95()),
        seconds(l.p99()),
        s.producerSummary(),
        s.error() == null ? "" : "; FAILED: " + s.error());
  }

  private static String pair(LatencyResult.Stats stats) {
    return stats == null || stats.p50() == null
        ? "–"
        : seconds(stats.p50()) + " / " + seconds(stats.p95());
  }

  private static String seconds(Long millis) {
    return millis == null ? "–" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }
}
