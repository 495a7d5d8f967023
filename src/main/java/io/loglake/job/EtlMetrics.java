package io.loglake.job;

import static org.apache.spark.sql.functions.expr;

import io.loglake.schema.CuratedPartition;
import io.loglake.schema.QuarantineReason;
import io.loglake.transform.ParseTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * The metrics observed during the write: aggregate expressions evaluated by the same pass that
 * writes ({@code Dataset.observe}), so that the report costs no extra job over the data.
 */
final class EtlMetrics {
  static final String RECORDS_READ = "records_read";
  static final String FILTERED = "records_filtered_out";
  static final String QUARANTINED = "records_quarantined";
  static final String CURATED_BEFORE_DEDUPE = "curated_before_dedupe";
  static final String UNREADABLE = "unreadable_files";
  static final String FILES_WITH_QUARANTINE = "files_with_quarantine";
  static final String WRITTEN = "records_written";
  static final String PARTITIONS = "partitions_written";

  private EtlMetrics() {}

  /** Over the parsed records (schema {@link ParseTransform#PARSED}). */
  static Column[] parsed() {
    String outcome = ParseTransform.OUTCOME;
    List<Column> metrics = new ArrayList<>();
    metrics.add(expr("coalesce(sum(" + ParseTransform.READ_COUNT + "), 0)").as(RECORDS_READ));
    metrics.add(expr("coalesce(sum(" + ParseTransform.FILTERED_COUNT + "), 0)").as(FILTERED));
    metrics.add(countIf(outcome + " = '" + ParseTransform.QUARANTINED + "'", QUARANTINED));
    metrics.add(countIf(outcome + " = '" + ParseTransform.CURATED + "'", CURATED_BEFORE_DEDUPE));
    for (QuarantineReason reason : QuarantineReason.values()) {
      metrics.add(
          countIf(
              outcome
                  + " = '"
                  + ParseTransform.QUARANTINED
                  + "' AND "
                  + ParseTransform.REASON
                  + " = '"
                  + reason.code()
                  + "'",
              reason.code()));
    }
    metrics.add(
        expr("collect_list(CASE WHEN "
                + outcome
                + " = '"
                + ParseTransform.UNREADABLE
                + "' THEN named_struct('path', "
                + ParseTransform.SOURCE_FILE
                + ", 'error', "
                + ParseTransform.REASON
                + ") END)")
            .as(UNREADABLE));
    metrics.add(
        expr("collect_set(CASE WHEN "
                + outcome
                + " = '"
                + ParseTransform.QUARANTINED
                + "' THEN "
                + ParseTransform.SOURCE_FILE
                + " END)")
            .as(FILES_WITH_QUARANTINE));
    return metrics.toArray(Column[]::new);
  }

  /** Over the curated rows as written. */
  static Column[] written() {
    return new Column[] {
      expr("count(1)").as(WRITTEN),
      // Numbers, not strings: this runs for every row written.
      expr("collect_set(" + CuratedPartition.EPOCH_HOUR_SQL + ")").as(PARTITIONS)
    };
  }

  private static Column countIf(String condition, String name) {
    return expr("count_if(" + condition + ")").as(name);
  }

  static long count(Map<String, Object> metrics, String name) {
    Object value = metrics.get(name);
    return value == null ? 0L : ((Number) value).longValue();
  }

  static Map<String, Long> byReason(Map<String, Object> metrics) {
    Map<String, Long> counts = new TreeMap<>();
    for (QuarantineReason reason : QuarantineReason.values()) {
      long n = count(metrics, reason.code());
      if (n > 0) {
        counts.put(reason.code(), n);
      }
    }
    return counts;
  }

  /** An array metric as a Java list (Spark hands back a Scala sequence). */
  @SuppressWarnings("unchecked")
  static <T> List<T> list(Map<String, Object> metrics, String name) {
    Object value = metrics.get(name);
    if (value == null) {
      return new ArrayList<>();
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      return new ArrayList<>((List<T>) JavaConverters.seqAsJavaList(seq));
    }
    return new ArrayList<>((List<T>) value);
  }

  /**
   * The partitions {@code curated} rows (curated schema) fall in, sorted: one small aggregate (a
   * set of hour numbers) collected, never the rows.
   */
  static List<CuratedPartition> partitions(Dataset<Row> curated) {
    Row row =
        curated
            .agg(expr("collect_set(" + CuratedPartition.EPOCH_HOUR_SQL + ")").as(PARTITIONS))
            .head();
    return partitions(Map.of(PARTITIONS, row.get(0)));
  }

  /** The partitions observed by {@link #written()}, sorted. */
  static List<CuratedPartition> partitions(Map<String, Object> metrics) {
    return EtlMetrics.<Number>list(metrics, PARTITIONS).stream()
        .map(hours -> CuratedPartition.ofEpochHour(hours.longValue()))
        .sorted()
        .toList();
  }

  static RunReport.UnreadableFile unreadable(Row row) {
    return new RunReport.UnreadableFile(row.getString(0), row.getString(1));
  }
}
