package io.loglake.dashboard;

import io.loglake.dashboard.DashboardQueries.Count;
import io.loglake.dashboard.DashboardQueries.Message;
import io.loglake.dashboard.DashboardQueries.Page;
import io.loglake.dashboard.DashboardQueries.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Everything one page shows, gathered by a handful of bounded queries (see {@link
 * DashboardQueries}) and the run reports.
 *
 * @param table what was read (format and location)
 * @param now the time the page was made
 * @param newest the newest event time in the table, or null when it has none
 */
public record DashboardView(
    String table,
    Instant now,
    Instant newest,
    TimeWindow hours,
    List<Count> hourCounts,
    TimeWindow minutes,
    List<Count> minuteCounts,
    List<Message> topMessages,
    LogFilter filter,
    Page latest,
    RunReports runs) {

  /** Reads the views now: the table, then the run reports of {@code reportFolders}. */
  public static DashboardView load(
      SparkSession spark,
      CuratedData curated,
      List<String> reportFolders,
      LogFilter filter,
      Instant now) {
    CuratedData.Snapshot snapshot = curated.read(spark);
    Dataset<Row> logs = snapshot.rows();
    Instant newest = DashboardQueries.newest(logs);
    TimeWindow hours = DashboardQueries.window(TimeWindow::hours, newest, now);
    TimeWindow minutes = DashboardQueries.window(TimeWindow::minutes, newest, now);
    return new DashboardView(
        snapshot.description(),
        now,
        newest,
        hours,
        DashboardQueries.timeline(logs, hours),
        minutes,
        DashboardQueries.timeline(logs, minutes),
        DashboardQueries.topMessages(logs, hours.start(), hours.end()),
        filter,
        DashboardQueries.latest(logs, filter),
        RunReports.read(
            spark.sparkContext().hadoopConfiguration(), reportFolders, RunReports.MAX_RUNS));
  }

  /** Whether {@code window} ends at the newest event (none in its span up to now), not now. */
  public boolean anchoredAtNewest(TimeWindow window) {
    return !window.anchor().equals(now);
  }

  /** The services of {@code counts}, most WARN+ERROR first (then by name). */
  public static List<String> services(List<Count> counts) {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (Count c : counts) {
      totals.merge(c.service(), c.count(), Long::sum);
    }
    List<String> out = new ArrayList<>(totals.keySet());
    out.sort(
        Comparator.comparing((String s) -> -totals.get(s))
            .thenComparing(Comparator.naturalOrder()));
    return out;
  }
}
