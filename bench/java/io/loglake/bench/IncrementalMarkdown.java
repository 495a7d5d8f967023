package io.loglake.bench;

import java.util.Locale;

/** The Markdown form of an {@link IncrementalResult}, for bench/results and the README. */
final class IncrementalMarkdown {
  private IncrementalMarkdown() {}

  static String render(IncrementalResult result) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Incremental benchmark of %s: `%s` at %s, %d cores, Java %s; load average (1/5/15 min)"
                + " %s at the start, %s at the end.%n%n",
            result.startedAt(),
            result.command(),
            result.revision(),
            result.cores(),
            result.javaVersion(),
            result.loadAverageAtStart(),
            result.loadAverageAtEnd()));
    md.append(
        String.format(
            Locale.ROOT,
            "One new arrival hour (%,d records, 5%% late by 1-6 h, 1%% resent within the hour, plus"
                + " one object of the hour before resent whole) processed by one `etl --incremental`"
                + " on top of a history of %,d records per hour, built by one run per %d h of raw"
                + " folders. Expected rows written: %,d (WARN/ERROR of the new hour, once per"
                + " event_id, computed from the raw files).%n%n",
            result.newHourRecords(),
            result.recordsPerHour(),
            result.historyStepHours(),
            result.expectedRowsWritten()));
    md.append("| format | history | set-up runs | set-up time |\n|---|---:|---:|---:|\n");
    for (IncrementalHistory.Setup setup : result.setups()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d d | %d | %.0f s |%n",
              setup.format(),
              setup.days(),
              setup.runs(),
              setup.wallMillis() / 1000.0));
    }
    md.append(
        "\n| format | history | wall (median, min-max) | in-job | peak RSS | long/short wall |"
            + " long/short in-job | target ≤ "
            + IncrementalResult.TARGET_RATIO
            + "× |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (IncrementalResult.FormatSummary f : result.formats()) {
      md.append(
          row(
              f.format(),
              f.shortDays(),
              f.shortWallSeconds(),
              f.shortInJobSeconds(),
              f.shortPeakRssMib(),
              "",
              "",
              ""));
      md.append(
          row(
              f.format(),
              f.longDays(),
              f.longWallSeconds(),
              f.longInJobSeconds(),
              f.longPeakRssMib(),
              String.format(Locale.ROOT, "%.2f×", f.wallRatio()),
              String.format(Locale.ROOT, "%.2f×", f.inJobRatio()),
              f.targetMet() ? "met" : "**missed**"));
    }
    md.append(
        "\n| round | format | history | wall s | in-job s | files read | written | resent |"
            + " duplicates removed | folders listed | files listed | curated files | Iceberg metadata files |"
            + " state bytes | rows |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (IncrementalResult.Run r : result.runs()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %d d | %.1f | %.1f | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %s |%n",
              r.round(),
              r.format(),
              r.historyDays(),
              r.wallMillis() / 1000.0,
              r.inJobMillis() / 1000.0,
              r.filesRead(),
              r.recordsWritten(),
              r.resentRecords(),
              r.duplicatesRemoved(),
              r.foldersListed(),
              r.filesListed(),
              r.curatedDataFiles(),
              r.icebergMetadataFiles(),
              r.stateBytes(),
              r.rowsMatch() ? "as expected" : "**WRONG**"));
    }
    return md.toString();
  }

  private static String row(
      String format,
      int days,
      Spread wall,
      Spread job,
      Spread rss,
      String wallRatio,
      String jobRatio,
      String target) {
    return String.format(
        Locale.ROOT,
        "| %s | %d d | %.1f s (%.1f-%.1f) | %.1f s (%.1f-%.1f) | %.0f MiB | %s | %s | %s |%n",
        format,
        days,
        wall.median(),
        wall.min(),
        wall.max(),
        job.median(),
        job.min(),
        job.max(),
        rss.median(),
        wallRatio,
        jobRatio,
        target);
  }
}
