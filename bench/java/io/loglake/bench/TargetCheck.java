package io.loglake.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One target of issues 5 and 12 (per kind of records), and whether a run met it. A ratio target at
 * a scale where the engines' rows differ is not met: a fast wrong result does not count.
 */
record TargetCheck(String target, String measured, Status status) {
  enum Status {
    MET,
    NOT_MET,
    NOT_MEASURED
  }

  static final double MAX_PEAK_RSS_MIB_AT_6M = 2048;

  /** "Flat" peak RSS from 6M to 30M: at most this much higher at 30M. */
  static final double MAX_PEAK_RSS_GROWTH = 1.20;

  /** Time per record (in-job) at 30M at most this many times that at 6M. */
  static final double MAX_TIME_PER_RECORD_GROWTH = 1.10;

  static List<TargetCheck> evaluate(List<ScaleResult> scales) {
    List<TargetCheck> checks = new ArrayList<>();
    for (ScaleResult scale : scales) {
      ScaleResult.Ratios ratios = scale.medianRatios();
      String at = " (" + scale.scale() + ", " + scale.dataset() + ")";
      checks.add(
          ratio(
              "A ≥3× faster than B, whole process" + at,
              ratios.overBWhole(),
              1 / 3.0,
              "A/B",
              scale.rowsMatch()));
      checks.add(
          ratio(
              "A in-job ≤1.5× C in-job" + at, ratios.overCInJob(), 1.5, "A/C", scale.rowsMatch()));
      checks.add(
          ratio(
              "A whole process ≤2.5× C whole process" + at,
              ratios.overCWhole(),
              2.5,
              "A/C",
              scale.rowsMatch()));
    }
    for (String dataset : datasets(scales)) {
      memoryChecks(checks, scales, dataset);
    }
    return checks;
  }

  private static void memoryChecks(
      List<TargetCheck> checks, List<ScaleResult> scales, String dataset) {
    ScaleResult small = find(scales, Scale.SIX_MILLION, dataset);
    ScaleResult large = find(scales, Scale.THIRTY_MILLION, dataset);
    String rssTarget = "A peak RSS ≤2 GiB (6m, " + dataset + ")";
    if (small == null) {
      checks.add(new TargetCheck(rssTarget, "run --scale 6m or all", Status.NOT_MEASURED));
    } else {
      double rss = small.engine(Engine.A).peakRssMib().max();
      checks.add(
          new TargetCheck(
              rssTarget,
              format("%.0f MiB (max)", rss),
              rss <= MAX_PEAK_RSS_MIB_AT_6M ? Status.MET : Status.NOT_MET));
    }
    String flatTarget = format("A peak RSS flat 6m→30m (≤%.2f×, %s)", MAX_PEAK_RSS_GROWTH, dataset);
    String perRecordTarget = "A time/record (in-job) at 30m within 10% of 6m (" + dataset + ")";
    if (small == null || large == null) {
      checks.add(new TargetCheck(flatTarget, "run --scale all", Status.NOT_MEASURED));
      checks.add(new TargetCheck(perRecordTarget, "run --scale all", Status.NOT_MEASURED));
    } else {
      double growth =
          large.engine(Engine.A).peakRssMib().max() / small.engine(Engine.A).peakRssMib().max();
      checks.add(
          new TargetCheck(
              flatTarget,
              format("30m/6m = %.2f×", growth),
              growth <= MAX_PEAK_RSS_GROWTH ? Status.MET : Status.NOT_MET));
      double perRecord =
          (large.engine(Engine.A).inJobSeconds().median() / large.records())
              / (small.engine(Engine.A).inJobSeconds().median() / small.records());
      checks.add(
          new TargetCheck(
              perRecordTarget,
              format("30m/6m = %.2f×", perRecord),
              perRecord <= MAX_TIME_PER_RECORD_GROWTH ? Status.MET : Status.NOT_MET));
    }
  }

  /** The kinds of records measured, in the order first met. */
  private static List<String> datasets(List<ScaleResult> scales) {
    return scales.stream().map(ScaleResult::dataset).distinct().toList();
  }

  private static TargetCheck ratio(
      String target, double ratio, double limit, String name, boolean rowsMatch) {
    String measured = format("%s = %.2f (median of rounds)", name, ratio);
    if (!rowsMatch) {
      return new TargetCheck(target, measured + "; ROWS DIFFER, does not count", Status.NOT_MET);
    }
    return new TargetCheck(target, measured, ratio <= limit ? Status.MET : Status.NOT_MET);
  }

  private static ScaleResult find(List<ScaleResult> scales, Scale scale, String dataset) {
    return scales.stream()
        .filter(s -> s.scale().equals(scale.id) && s.dataset().equals(dataset))
        .findFirst()
        .orElse(null);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
