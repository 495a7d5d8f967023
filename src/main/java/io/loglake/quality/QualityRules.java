package io.loglake.quality;

import io.loglake.config.QualityConfig;
import io.loglake.quality.QualityReport.Rule;
import io.loglake.quality.QualityReport.Status;
import io.loglake.schema.CuratedPartition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules themselves, on counts already aggregated (pure: no Spark, no I/O). {@link QualityCheck}
 * computes the counts; tests can call this directly.
 */
public final class QualityRules {
  /** The failing hours a line names before "and N more" (the report's list has them all). */
  static final int HOURS_NAMED = 10;

  private QualityRules() {}

  /** The rows of one hour and those of them with no service. */
  public record HourCount(long rows, long missingService) {
    static final HourCount NONE = new HourCount(0, 0);
  }

  /** The counts of the run whose quarantine rate is checked. */
  public record RunCounts(String runId, long recordsRead, long recordsQuarantined) {}

  /**
   * Evaluates every rule.
   *
   * @param run the run's counts, or null when there is no run report ({@code noRun} says why)
   * @param checked the hours checked, in time order
   * @param counts the counts by {@link CuratedPartition#epochHour()}, of the checked hours and of
   *     the same hours the day before; an hour missing from it has no rows
   * @param incomplete hours not over when the run started: {@code gap} and {@code volume} skip them
   */
  public static QualityReport evaluate(
      RunCounts run,
      String noRun,
      List<CuratedPartition> checked,
      Map<Long, HourCount> counts,
      Set<CuratedPartition> incomplete,
      QualityConfig config) {
    List<Rule> rules = new ArrayList<>();
    rules.add(quarantineRate(run, noRun, config));
    rules.add(missingService(checked, counts, config));
    List<CuratedPartition> complete =
        checked.stream().filter(h -> !incomplete.contains(h)).toList();
    String notComplete =
        complete.size() == checked.size()
            ? ""
            : "; " + (checked.size() - complete.size()) + " not over when the run started";
    rules.add(gap(complete, counts, notComplete));
    rules.add(volume(complete, counts, notComplete, config));
    return new QualityReport(
        run == null ? null : run.runId(),
        checked.stream().map(CuratedPartition::pathSegment).toList(),
        List.copyOf(rules));
  }

  private static Rule quarantineRate(RunCounts run, String noRun, QualityConfig config) {
    double max = config.maxQuarantineRate();
    if (run == null) {
      return new Rule(
          "quarantine_rate", Status.SKIP, null, max, "no run report (" + noRun + ")", List.of());
    }
    if (run.recordsRead() == 0) {
      return new Rule(
          "quarantine_rate",
          Status.PASS,
          0.0,
          max,
          "run " + run.runId() + " read no record (max " + share(max) + ")",
          List.of());
    }
    double rate = (double) run.recordsQuarantined() / run.recordsRead();
    return new Rule(
        "quarantine_rate",
        rate > max ? Status.FAIL : Status.PASS,
        rate,
        max,
        String.format(
            Locale.ROOT,
            "%s = %,d quarantined of %,d records read by run %s (max %s)",
            share(rate),
            run.recordsQuarantined(),
            run.recordsRead(),
            run.runId(),
            share(max)),
        List.of());
  }

  private static Rule missingService(
      List<CuratedPartition> checked, Map<Long, HourCount> counts, QualityConfig config) {
    double max = config.maxMissingService();
    long rows = 0;
    long missing = 0;
    List<String> worst = new ArrayList<>();
    for (CuratedPartition hour : checked) {
      HourCount count = counts.getOrDefault(hour.epochHour(), HourCount.NONE);
      rows += count.rows();
      missing += count.missingService();
      if (count.rows() > 0 && (double) count.missingService() / count.rows() > max) {
        worst.add(hour.pathSegment());
      }
    }
    if (rows == 0) {
      return new Rule(
          "missing_service",
          Status.SKIP,
          null,
          max,
          "no rows in the " + hours(checked.size()) + " checked",
          List.of());
    }
    double value = (double) missing / rows;
    return new Rule(
        "missing_service",
        value > max ? Status.FAIL : Status.PASS,
        value,
        max,
        String.format(
            Locale.ROOT,
            "%s = %,d of %,d rows with no service in %s (max %s)",
            share(value),
            missing,
            rows,
            hours(checked.size()),
            share(max)),
        value > max ? List.copyOf(worst) : List.of());
  }

  private static Rule gap(
      List<CuratedPartition> complete, Map<Long, HourCount> counts, String notComplete) {
    if (complete.isEmpty()) {
      return new Rule(
          "gap", Status.SKIP, null, 0, "no hour checked was over" + notComplete, List.of());
    }
    List<String> gaps = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (CuratedPartition hour : complete) {
      long rows = rows(counts, hour.epochHour());
      long before = rows(counts, hour.epochHour() - 24);
      if (rows == 0 && before > 0) {
        gaps.add(hour.pathSegment());
        named.add(String.format(Locale.ROOT, "%s (%,d the day before)", hour, before));
      }
    }
    String detail =
        gaps.isEmpty()
            ? String.format(
                "0 of %s empty that had rows the same hour the day before (max 0)%s",
                hours(complete.size()), notComplete)
            : String.format(
                "%d of %s empty that had rows the same hour the day before: %s (max 0)%s",
                gaps.size(), hours(complete.size()), names(named), notComplete);
    return new Rule(
        "gap",
        gaps.isEmpty() ? Status.PASS : Status.FAIL,
        (double) gaps.size(),
        0,
        detail,
        List.copyOf(gaps));
  }

  private static Rule volume(
      List<CuratedPartition> complete,
      Map<Long, HourCount> counts,
      String notComplete,
      QualityConfig config) {
    double min = config.minVolumeRatio();
    double max = config.maxVolumeRatio();
    String range = "[" + ratio(min) + ", " + ratio(max) + "]";
    int compared = 0;
    int small = 0;
    List<String> outside = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (CuratedPartition hour : complete) {
      long rows = rows(counts, hour.epochHour());
      long before = rows(counts, hour.epochHour() - 24);
      if (rows == 0) {
        continue; // an empty hour is the gap rule's (or, empty both days, nothing to say)
      }
      if (before < config.minBaselineRows()) {
        small++;
        continue;
      }
      compared++;
      double r = (double) rows / before;
      if (r < min || r > max) {
        outside.add(hour.pathSegment());
        named.add(String.format(Locale.ROOT, "%s %,d vs %,d (%s)", hour, rows, before, ratio(r)));
      }
    }
    String skipped =
        (small == 0
                ? ""
                : "; "
                    + small
                    + " skipped (under "
                    + config.minBaselineRows()
                    + " rows the day before)")
            + notComplete;
    if (compared == 0) {
      return new Rule(
          "volume",
          Status.SKIP,
          null,
          0,
          "no hour with rows to compare with the day before" + skipped,
          List.of());
    }
    String detail =
        outside.isEmpty()
            ? String.format(
                "%s within %s of the same hour the day before%s", hours(compared), range, skipped)
            : String.format(
                "%d of %s outside %s of the same hour the day before: %s%s",
                outside.size(), hours(compared), range, names(named), skipped);
    return new Rule(
        "volume",
        outside.isEmpty() ? Status.PASS : Status.FAIL,
        (double) outside.size(),
        0,
        detail,
        List.copyOf(outside));
  }

  private static long rows(Map<Long, HourCount> counts, long epochHour) {
    return counts.getOrDefault(epochHour, HourCount.NONE).rows();
  }

  private static String names(List<String> named) {
    if (named.size() <= HOURS_NAMED) {
      return String.join(", ", named);
    }
    return String.join(", ", named.subList(0, HOURS_NAMED))
        + " and "
        + (named.size() - HOURS_NAMED)
        + " more";
  }

  private static String hours(int n) {
    return n == 1 ? "1 hour" : n + " hours";
  }

  /** A share or rate to 4 decimals: {@code 0.0125}. */
  static String share(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  /**
   * A ratio to 4 significant digits, no trailing zeros: {@code 0.5}, {@code 0.495}, {@code 2.005}.
   */
  static String ratio(double value) {
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
