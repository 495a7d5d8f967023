package io.loglake.dashboard;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import io.loglake.schema.LogSchema;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The dashboard's views, each one aggregate Spark query returning a bounded number of rows (the
 * bound is stated on each method) — never the data rows themselves. Filter values are bound as
 * literals ({@link org.apache.spark.sql.functions#lit}), never written into SQL text.
 */
public final class DashboardQueries {
  /** Services shown in the charts and the top messages: the ones with the most WARN/ERROR. */
  public static final int MAX_SERVICES = 12;

  /** Top error messages shown per service. */
  public static final int TOP_MESSAGES = 5;

  /** Shown for rows whose service is null. */
  public static final String NO_SERVICE = "(no service)";

  /** The levels the charts count. */
  public static final List<String> CHART_LEVELS = List.of("ERROR", "WARN");

  private DashboardQueries() {}

  /** A time window of the charts: {@code buckets} buckets of {@code unit} ending at {@code end}. */
  public record TimeWindow(
      String name, Instant anchor, Instant start, Instant end, ChronoUnit unit, int buckets) {
    /** The 24 hours by hour ending with the anchor's hour. */
    public static TimeWindow hours(Instant anchor) {
      Instant end = anchor.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
      return new TimeWindow(
          "Last 24 hours, by hour",
          anchor,
          end.minus(24, ChronoUnit.HOURS),
          end,
          ChronoUnit.HOURS,
          24);
    }

    /** The 60 minutes by minute ending with the anchor's minute. */
    public static TimeWindow minutes(Instant anchor) {
      Instant end = anchor.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
      return new TimeWindow(
          "Last hour, by minute",
          anchor,
          end.minus(60, ChronoUnit.MINUTES),
          end,
          ChronoUnit.MINUTES,
          60);
    }

    /** The start of bucket {@code i}. */
    public Instant bucket(int i) {
      return start.plus(Duration.of(i, unit));
    }

    /** The bucket of {@code t}, or -1 outside the window. */
    public int indexOf(Instant t) {
      if (t.isBefore(start) || !t.isBefore(end)) {
        return -1;
      }
      return (int) unit.between(start, t);
    }
  }

  /** One chart cell: events of a service and level in a bucket. */
  public record Count(String service, String level, Instant bucket, long count) {}

  /** One top message of a service. */
  public record Message(String service, String message, long count) {}

  /** One row of the latest errors. */
  public record Event(Instant ts, String level, String service, String message) {}

  /** One page of the latest errors, and whether there is a next. */
  public record Page(List<Event> events, boolean hasNext) {}

  /**
   * The chart window {@code at} makes for an anchor, ending now unless the newest event is before
   * the window that ends now; then it ends at the newest event, so a table that is no longer
   * written (a stopped stream, the demo's yesterday) still shows its last events, and the page says
   * so.
   */
  public static TimeWindow window(
      java.util.function.Function<Instant, TimeWindow> at, Instant newest, Instant now) {
    TimeWindow current = at.apply(now);
    return newest == null || !newest.isBefore(current.start()) ? current : at.apply(newest);
  }

  /** The newest event time, or null: one row. */
  public static Instant newest(Dataset<Row> logs) {
    Row row = logs.agg(max(col(LogSchema.TS))).first();
    return row.isNullAt(0) ? null : row.getTimestamp(0).toInstant();
  }

  /**
   * WARN and ERROR per service, level and bucket of {@code window}, for the {@link #MAX_SERVICES}
   * services with the most of them in the window: at most MAX_SERVICES × 2 × buckets rows.
   */
  public static List<Count> timeline(Dataset<Row> logs, TimeWindow window) {
    Dataset<Row> inWindow =
        inRange(logs, window.start(), window.end())
            .filter(col(LogSchema.LEVEL).isin(CHART_LEVELS.toArray()))
            .withColumn("svc", coalesce(col(LogSchema.SERVICE), lit(NO_SERVICE)))
            .withColumn(
                "bucket",
                date_trunc(
                    window.unit() == ChronoUnit.HOURS ? "hour" : "minute", col(LogSchema.TS)));
    Dataset<Row> counts =
        inWindow.groupBy("svc", LogSchema.LEVEL, "bucket").agg(count(lit(1)).as("n"));
    Dataset<Row> top = topServices(counts, "n");
    List<Count> out = new ArrayList<>();
    // Bounded: MAX_SERVICES services × 2 levels × the window's buckets.
    for (Row r : counts.join(top, "svc").collectAsList()) {
      out.add(
          new Count(
              r.getString(r.fieldIndex("svc")),
              r.getString(r.fieldIndex(LogSchema.LEVEL)),
              r.getTimestamp(r.fieldIndex("bucket")).toInstant(),
              r.getLong(r.fieldIndex("n"))));
    }
    return out;
  }

  /**
   * The {@link #TOP_MESSAGES} most frequent ERROR messages of each of the {@link #MAX_SERVICES}
   * services with the most errors, in {@code [start, end)}: at most MAX_SERVICES × TOP_MESSAGES
   * rows, most frequent first.
   */
  public static List<Message> topMessages(Dataset<Row> logs, Instant start, Instant end) {
    Dataset<Row> counts =
        inRange(logs, start, end)
            .filter(col(LogSchema.LEVEL).equalTo(lit("ERROR")))
            .withColumn("svc", coalesce(col(LogSchema.SERVICE), lit(NO_SERVICE)))
            .groupBy(col("svc"), coalesce(col(LogSchema.MESSAGE), lit("")).as("msg"))
            .agg(count(lit(1)).as("n"));
    Dataset<Row> ranked =
        counts
            .withColumn(
                "rank", row_number().over(Window.partitionBy("svc").orderBy(desc("n"), col("msg"))))
            .filter(col("rank").leq(lit(TOP_MESSAGES)));
    Dataset<Row> top = topServices(counts, "n");
    List<Message> out = new ArrayList<>();
    // Bounded: MAX_SERVICES × TOP_MESSAGES rows.
    for (Row r :
        ranked
            .join(top, "svc")
            .orderBy(desc("service_total"), col("svc"), desc("n"), col("msg"))
            .collectAsList()) {
      out.add(
          new Message(
              r.getString(r.fieldIndex("svc")),
              r.getString(r.fieldIndex("msg")),
              r.getLong(r.fieldIndex("n"))));
    }
    return out;
  }

  /**
   * One page of the newest events matching {@code filter}, newest first: at most {@link
   * LogFilter#PAGE_SIZE} + 1 rows (the extra one only says whether a next page exists).
   */
  public static Page latest(Dataset<Row> logs, LogFilter filter) {
    Dataset<Row> matching = inRange(logs, filter.from(), filter.to());
    if (filter.service() != null) {
      matching = matching.filter(col(LogSchema.SERVICE).equalTo(lit(filter.service())));
    }
    if (filter.level() != null) {
      matching = matching.filter(col(LogSchema.LEVEL).equalTo(lit(filter.level())));
    }
    List<Row> rows =
        matching
            .select(
                LogSchema.TS,
                LogSchema.LEVEL,
                LogSchema.SERVICE,
                LogSchema.MESSAGE,
                LogSchema.EVENT_ID)
            .orderBy(desc(LogSchema.TS), col(LogSchema.EVENT_ID))
            .offset((filter.page() - 1) * LogFilter.PAGE_SIZE)
            .limit(LogFilter.PAGE_SIZE + 1)
            .collectAsList();
    List<Event> events = new ArrayList<>();
    for (Row r : rows.subList(0, Math.min(rows.size(), LogFilter.PAGE_SIZE))) {
      Timestamp ts = r.getTimestamp(0);
      events.add(
          new Event(
              ts == null ? null : ts.toInstant(), r.getString(1), r.getString(2), r.getString(3)));
    }
    return new Page(events, rows.size() > LogFilter.PAGE_SIZE);
  }

  /** The services with the largest total of {@code countColumn}: MAX_SERVICES rows. */
  private static Dataset<Row> topServices(Dataset<Row> counts, String countColumn) {
    return counts
        .groupBy("svc")
        .agg(org.apache.spark.sql.functions.sum(countColumn).as("service_total"))
        .orderBy(desc("service_total"), col("svc"))
        .limit(MAX_SERVICES);
  }

  /** Rows with {@code start <= ts < end} (either may be null), pruning on the dt partitions. */
  private static Dataset<Row> inRange(Dataset<Row> logs, Instant start, Instant end) {
    Dataset<Row> out = logs;
    if (start != null) {
      out =
          out.filter(col(LogSchema.DT).geq(lit(date(start))))
              .filter(col(LogSchema.TS).geq(lit(start)));
    }
    if (end != null) {
      out =
          out.filter(col(LogSchema.DT).leq(lit(date(end)))).filter(col(LogSchema.TS).lt(lit(end)));
    }
    return out;
  }

  private static LocalDate date(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }
}
