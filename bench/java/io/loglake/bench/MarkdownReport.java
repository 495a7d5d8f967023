package io.loglake.bench;

import java.util.Locale;

/** A benchmark run as Markdown: a table per scale, the ratios per round, the targets. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(BenchResult result) {
    StringBuilder md = new StringBuilder();
    line(
        md,
        "Benchmark of %s: `%s` at %s, %d cores, Java %s; load average (1/5/15 min) %s at"
            + " the start, %s at the end.",
        result.startedAt(),
        result.command(),
        result.revision(),
        result.cores(),
        result.java(),
        result.loadAverageAtStart(),
        result.loadAverageAtEnd());
    if (!result.rowsMatch()) {
      line(md, "");
      line(md, "**ROWS DIFFER: the engines did not write the same rows; see below.**");
    }
    for (ScaleResult scale : result.scales()) {
      line(md, "");
      line(
          md,
          "### %s: %,d records, %,d GZIP objects, %.0f MiB; %d round(s), interleaved A B C",
          scale.scale(),
          scale.records(),
          scale.rawObjects(),
          scale.rawBytes() / ScaleResult.MIB,
          scale.rounds());
      line(md, "");
      line(
          md,
          "| engine | wall s, median (min–max) | in-job s, median (min–max) "
              + "| records/s/core, wall | records/s/core, in-job | peak RSS MiB, median (max) "
              + "| output MiB | files | rows per (dt, hr, level, service) |");
      line(md, "|---|---|---|---|---|---|---|---|---|");
      for (ScaleResult.EngineSummary engine : scale.engines()) {
        line(
            md,
            "| %s %s | %s | %s | %,.0f | %,.0f | %.0f (%.0f) | %.1f | %d | %s |",
            engine.engine(),
            engine.title(),
            seconds(engine.wallSeconds()),
            seconds(engine.inJobSeconds()),
            engine.recordsPerSecondPerCoreWhole(),
            engine.recordsPerSecondPerCoreInJob(),
            engine.peakRssMib().median(),
            engine.peakRssMib().max(),
            engine.outputBytes() / ScaleResult.MIB,
            engine.outputFiles(),
            engine.rowsMatch() ? "same as A" : "**MISMATCH**");
      }
      line(md, "");
      line(md, "| round | A/B wall | A/B in-job | A/C wall | A/C in-job |");
      line(md, "|---|---|---|---|---|");
      for (int i = 0; i < scale.ratiosPerRound().size(); i++) {
        ratios(md, Integer.toString(i + 1), scale.ratiosPerRound().get(i));
      }
      ratios(md, "**median**", scale.medianRatios());
      if (!scale.rowsMatch()) {
        line(md, "");
        line(md, "**MISMATCH** (row counts against A's first run):");
        scale.mismatches().forEach(mismatch -> line(md, "- %s", mismatch));
      }
    }
    line(md, "");
    line(md, "| target (issue 5) | measured | result |");
    line(md, "|---|---|---|");
    for (TargetCheck check : result.targets()) {
      line(
          md,
          "| %s | %s | %s |",
          check.target(),
          check.measured(),
          switch (check.status()) {
            case MET -> "met";
            case NOT_MET -> "**not met**";
            case NOT_MEASURED -> "not measured";
          });
    }
    return md.toString();
  }

  private static void ratios(StringBuilder md, String round, ScaleResult.Ratios ratios) {
    line(
        md,
        "| %s | %.2f | %.2f | %.2f | %.2f |",
        round,
        ratios.aOverBWhole(),
        ratios.aOverBInJob(),
        ratios.aOverCWhole(),
        ratios.aOverCInJob());
  }

  private static String seconds(Spread spread) {
    return String.format(
        Locale.ROOT, "%.1f (%.1f–%.1f)", spread.median(), spread.min(), spread.max());
  }

  private static void line(StringBuilder md, String pattern, Object... args) {
    md.append(String.format(Locale.ROOT, pattern, args)).append('\n');
  }
}
