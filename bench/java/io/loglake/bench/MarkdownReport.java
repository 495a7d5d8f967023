package io.loglake.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A benchmark run as Markdown: per data set a table of the engines and one of the ratios per round;
 * per scale the kinds of records side by side (medians); then the targets.
 */
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
    line(md, "");
    for (Engine engine : Engine.values()) {
      line(md, "- %s: %s", engine, engine.description);
    }
    if (!result.rowsMatch()) {
      line(md, "");
      line(md, "**ROWS DIFFER: the engines did not write the same rows; see below.**");
    }
    for (ScaleResult scale : result.scales()) {
      dataSet(md, scale);
    }
    Map<String, List<ScaleResult>> byScale = new LinkedHashMap<>();
    result.scales().forEach(s -> byScale.computeIfAbsent(s.scale(), k -> new ArrayList<>()).add(s));
    byScale.forEach(
        (scale, sets) -> {
          if (sets.size() > 1) {
            sideBySide(md, scale, sets);
          }
        });
    line(md, "");
    line(md, "| target (issues 5 and 12) | measured | result |");
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

  private static void dataSet(StringBuilder md, ScaleResult scale) {
    line(md, "");
    line(
        md,
        "### %s, %s: %,d records, %,d GZIP objects, %.0f MiB; %d round(s), interleaved",
        scale.scale(),
        scale.dataset(),
        scale.records(),
        scale.rawObjects(),
        scale.rawBytes() / ScaleResult.MIB,
        scale.rounds());
    line(md, "");
    line(
        md,
        "A-incremental and C-hour: the new hour after the data set, %,d records; A-incremental's"
            + " history (the data set, curated by one untimed `etl --incremental` run of %.1f s)"
            + " is restored before each round.",
        scale.newHourRecords(),
        scale.incrementalSetupSeconds());
    line(md, "");
    line(
        md,
        "| engine | wall s, median (min–max) | in-job s, median (min–max) "
            + "| records/s/core, wall | records/s/core, in-job | peak RSS MiB, median (max) "
            + "| output MiB | files | rows |");
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
          rowsVerdict(engine));
    }
    line(md, "");
    StringBuilder header = new StringBuilder("| ratio (below 1: faster) |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int round = 1; round <= scale.rounds(); round++) {
      header.append(" round ").append(round).append(" |");
      rule.append("---|");
    }
    line(md, "%s median |", header);
    line(md, "%s---|", rule);
    for (RatioRow row : ratioRows(scale)) {
      StringBuilder cells = new StringBuilder("| ").append(row.name()).append(" |");
      for (double value : row.perRound()) {
        cells.append(String.format(Locale.ROOT, " %.2f |", value));
      }
      line(md, "%s **%.2f** |", cells, row.median());
    }
    if (!scale.rowsMatch()) {
      line(md, "");
      line(md, "**MISMATCH** (against A's first run; new-hour runs against the new hour):");
      scale.mismatches().forEach(mismatch -> line(md, "- %s", mismatch));
    }
  }

  /** The kinds of records of one scale side by side: medians per engine, then the ratios. */
  private static void sideBySide(StringBuilder md, String scale, List<ScaleResult> sets) {
    line(md, "");
    line(md, "### %s side by side (medians)", scale);
    line(md, "");
    StringBuilder header = new StringBuilder("| engine |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String column : List.of("wall s", "in-job s", "peak RSS MiB")) {
      for (ScaleResult set : sets) {
        header.append(' ').append(column).append(", ").append(set.dataset()).append(" |");
        rule.append("---|");
      }
    }
    line(md, "%s", header);
    line(md, "%s", rule);
    List<ToDoubleFunction<ScaleResult.EngineSummary>> columns =
        List.of(
            e -> e.wallSeconds().median(),
            e -> e.inJobSeconds().median(),
            e -> e.peakRssMib().median());
    for (Engine engine : Engine.values()) {
      StringBuilder row =
          new StringBuilder("| ").append(engine).append(' ').append(engine.title).append(" |");
      boolean any = false;
      for (ToDoubleFunction<ScaleResult.EngineSummary> column : columns) {
        for (ScaleResult set : sets) {
          ScaleResult.EngineSummary summary = set.engine(engine);
          any |= summary != null;
          row.append(
              summary == null
                  ? " – |"
                  : String.format(Locale.ROOT, " %.1f |", column.applyAsDouble(summary)));
        }
      }
      if (any) {
        line(md, "%s", row);
      }
    }
    line(md, "");
    StringBuilder ratioHeader = new StringBuilder("| ratio, median |");
    StringBuilder ratioRule = new StringBuilder("|---|");
    for (ScaleResult set : sets) {
      ratioHeader.append(' ').append(set.dataset()).append(" |");
      ratioRule.append("---|");
    }
    line(md, "%s", ratioHeader);
    line(md, "%s", ratioRule);
    Map<String, List<Double>> medians = new LinkedHashMap<>();
    for (int i = 0; i < sets.size(); i++) {
      for (RatioRow row : ratioRows(sets.get(i))) {
        List<Double> values = medians.computeIfAbsent(row.name(), k -> new ArrayList<>());
        while (values.size() < i) {
          values.add(Double.NaN);
        }
        values.add(row.median());
      }
    }
    medians.forEach(
        (name, values) -> {
          StringBuilder row = new StringBuilder("| ").append(name).append(" |");
          for (int i = 0; i < sets.size(); i++) {
            double value = i < values.size() ? values.get(i) : Double.NaN;
            row.append(Double.isNaN(value) ? " – |" : String.format(Locale.ROOT, " %.2f |", value));
          }
          line(md, "%s", row);
        });
  }

  /** One line of a ratio table: e.g. "A/B wall", per round and the median. */
  record RatioRow(String name, double[] perRound, double median) {}

  /** The ratios of A and its variants to their peers; none where a variant has no such peer. */
  static List<RatioRow> ratioRows(ScaleResult scale) {
    List<RatioRow> rows = new ArrayList<>();
    for (ScaleResult.VariantRatios variant : scale.ratios()) {
      if (variant.peerB() != null) {
        rows.add(row(variant, variant.peerB(), "wall", r -> r.overBWhole()));
        rows.add(row(variant, variant.peerB(), "in-job", r -> r.overBInJob()));
      }
      if (variant.peerC() != null) {
        rows.add(row(variant, variant.peerC(), "wall", r -> r.overCWhole()));
        rows.add(row(variant, variant.peerC(), "in-job", r -> r.overCInJob()));
      }
    }
    return List.copyOf(rows);
  }

  private static RatioRow row(
      ScaleResult.VariantRatios variant,
      Engine peer,
      String what,
      ToDoubleFunction<ScaleResult.Ratios> value) {
    return new RatioRow(
        variant.engine() + "/" + peer + " " + what,
        variant.perRound().stream().mapToDouble(value).toArray(),
        value.applyAsDouble(variant.median()));
  }

  private static String rowsVerdict(ScaleResult.EngineSummary engine) {
    if (!engine.rowsMatch()) {
      return "**MISMATCH**";
    }
    return engine.engine().newHourOnly()
        ? "the new hour's WARN/ERROR"
        : "same per (dt, hr, level, service) as A";
  }

  private static String seconds(Spread spread) {
    return String.format(
        Locale.ROOT, "%.1f (%.1f–%.1f)", spread.median(), spread.min(), spread.max());
  }

  private static void line(StringBuilder md, String pattern, Object... args) {
    md.append(String.format(Locale.ROOT, pattern, args)).append('\n');
  }
}
