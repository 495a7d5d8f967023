package io.loglake.dashboard;

import io.loglake.LoglakeException;
import io.loglake.job.RunHistory;
import io.loglake.job.RunReport;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The run reports the data-quality panel shows: the newest of the run history's folders ({@link
 * RunHistory#read}), or why they could not be read (the page still shows the table's views).
 *
 * @param runs the newest runs first, at most {@link #MAX_RUNS}
 * @param unreadable what could not be read, e.g. a folder that cannot be listed
 */
public record RunReports(List<RunReport> runs, List<String> unreadable) {
  /** Reports shown: the newest runs, so the panel and its reads stay bounded. */
  public static final int MAX_RUNS = 30;

  /** The newest {@code max} runs of all {@code folders} (missing folders hold none). */
  public static RunReports read(Configuration conf, List<String> folders, int max) {
    try {
      return new RunReports(RunHistory.read(conf, folders, max), List.of());
    } catch (LoglakeException e) {
      return new RunReports(List.of(), List.of(e.getMessage()));
    }
  }
}
