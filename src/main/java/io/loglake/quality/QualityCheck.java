package io.loglake.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.loglake.config.QualityConfig;
import io.loglake.quality.QualityRules.HourCount;
import io.loglake.quality.QualityRules.RunCounts;
import io.loglake.schema.CuratedPartition;
import io.loglake.schema.LogSchema;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A data-quality check of curated hours: one aggregate query over the checked hours and the same
 * hours the day before (rows and rows with no service, per hour), then {@link QualityRules}.
 */
public final class QualityCheck {
  private static final String EPOCH_HOUR = "epoch_hour";

  private QualityCheck() {}

  /**
   * Checks {@code hours} of {@code curated} (rows of the curated schema; only the hours needed are
   * read when it is partitioned by {@code dt}/{@code hr}).
   *
   * @param run the run whose quarantine rate is checked, or null ({@code noRun} says why)
   * @param startedAt hours not over at this instant are skipped by the gap and volume rules (null:
   *     every hour counts as over)
   * @throws IllegalArgumentException when more than {@link QualityConfig#MAX_CHECKED_HOURS} hours
   *     are asked for; none: only the quarantine rate is checked, nothing is read
   */
  public static QualityReport check(
      Dataset<Row> curated,
      List<CuratedPartition> hours,
      RunCounts run,
      String noRun,
      Instant startedAt,
      QualityConfig config) {
    List<CuratedPartition> checked = List.copyOf(new TreeSet<>(hours));
    if (checked.size() > QualityConfig.MAX_CHECKED_HOURS) {
      throw new IllegalArgumentException(
          "a check looks at up to "
              + QualityConfig.MAX_CHECKED_HOURS
              + " hours, got "
              + checked.size());
    }
    Set<CuratedPartition> incomplete = new TreeSet<>();
    if (startedAt != null) {
      long now = Math.floorDiv(startedAt.getEpochSecond(), 3600);
      checked.stream().filter(h -> h.epochHour() >= now).forEach(incomplete::add);
    }
    Map<Long, HourCount> counts =
        checked.isEmpty() ? Map.of() : counts(curated, withDayBefore(checked));
    return QualityRules.evaluate(run, noRun, checked, counts, incomplete, config);
  }

  /** {@code hours} and the same hours a day earlier. */
  public static Set<CuratedPartition> withDayBefore(List<CuratedPartition> hours) {
    Set<CuratedPartition> all = new TreeSet<>(hours);
    hours.forEach(h -> all.add(CuratedPartition.ofEpochHour(h.epochHour() - 24)));
    return all;
  }

  /** Rows and rows with no service per hour of {@code hours}, by one aggregate query. */
  static Map<Long, HourCount> counts(Dataset<Row> curated, Set<CuratedPartition> hours) {
    Object[] dates = hours.stream().map(h -> h.dt().toString()).distinct().toArray();
    Object[] epochHours = hours.stream().map(CuratedPartition::epochHour).toArray();
    // Bounded: one row per hour asked for, at most 2 x MAX_CHECKED_HOURS.
    List<Row> rows =
        curated
            .where(col(LogSchema.DT).isin(dates))
            .where(expr(CuratedPartition.EPOCH_HOUR_SQL).isin(epochHours))
            .groupBy(expr(CuratedPartition.EPOCH_HOUR_SQL).as(EPOCH_HOUR))
            .agg(
                count(lit(1)).as("rows"),
                sum(when(
                            col(LogSchema.SERVICE)
                                .isNull()
                                .or(trim(col(LogSchema.SERVICE)).equalTo("")),
                            1L)
                        .otherwise(0L))
                    .as("missing"))
            .collectAsList();
    Map<Long, HourCount> counts = new HashMap<>();
    for (Row row : rows) {
      counts.put(
          ((Number) row.get(0)).longValue(),
          new HourCount(((Number) row.get(1)).longValue(), ((Number) row.get(2)).longValue()));
    }
    return counts;
  }
}
