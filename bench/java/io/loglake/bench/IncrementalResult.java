package io.loglake.bench;

import java.util.List;

/**
 * What {@code scripts/bench-incremental.sh} measured, as written to {@code
 * bench/results/incremental-*.json}.
 */
record IncrementalResult(
    String startedAt,
    String command,
    String revision,
    int cores,
    String javaVersion,
    String loadAverageAtStart,
    String loadAverageAtEnd,
    int recordsPerHour,
    int historyStepHours,
    long newHourRecords,
    long expectedRowsWritten,
    List<IncrementalHistory.Setup> setups,
    List<Run> runs,
    List<FormatSummary> formats,
    boolean rowsMatch,
    boolean targetMet) {

  /** The target: the long history's run costs at most this many times the short one's. */
  static final double TARGET_RATIO = 1.5;

  /** One timed {@code etl --incremental} run of the new hour. */
  record Run(
      int round,
      String format,
      int historyDays,
      long wallMillis,
      long inJobMillis,
      long peakRssBytes,
      long filesRead,
      long recordsRead,
      long recordsWritten,
      long duplicatesRemoved,
      long resentRecords,
      long foldersListed,
      long filesListed,
      int curatedDataFiles,
      int icebergMetadataFiles,
      long stateBytes,
      boolean rowsMatch) {}

  /** Per format: medians per history and the long/short ratios of the medians. */
  record FormatSummary(
      String format,
      int shortDays,
      int longDays,
      Spread shortWallSeconds,
      Spread longWallSeconds,
      Spread shortInJobSeconds,
      Spread longInJobSeconds,
      Spread shortPeakRssMib,
      Spread longPeakRssMib,
      double wallRatio,
      double inJobRatio,
      boolean targetMet) {

    static FormatSummary of(String format, int shortDays, int longDays, List<Run> runs) {
      List<Run> shortRuns =
          runs.stream()
              .filter(r -> r.format().equals(format) && r.historyDays() == shortDays)
              .toList();
      List<Run> longRuns =
          runs.stream()
              .filter(r -> r.format().equals(format) && r.historyDays() == longDays)
              .toList();
      Spread shortWall =
          Spread.of(shortRuns.stream().map(Run::wallMillis).toList()).dividedBy(1000);
      Spread longWall = Spread.of(longRuns.stream().map(Run::wallMillis).toList()).dividedBy(1000);
      Spread shortJob =
          Spread.of(shortRuns.stream().map(Run::inJobMillis).toList()).dividedBy(1000);
      Spread longJob = Spread.of(longRuns.stream().map(Run::inJobMillis).toList()).dividedBy(1000);
      double mib = 1024.0 * 1024.0;
      double wallRatio = longWall.median() / shortWall.median();
      double inJobRatio = longJob.median() / shortJob.median();
      return new FormatSummary(
          format,
          shortDays,
          longDays,
          shortWall,
          longWall,
          shortJob,
          longJob,
          Spread.of(shortRuns.stream().map(Run::peakRssBytes).toList()).dividedBy(mib),
          Spread.of(longRuns.stream().map(Run::peakRssBytes).toList()).dividedBy(mib),
          wallRatio,
          inJobRatio,
          wallRatio <= TARGET_RATIO && inJobRatio <= TARGET_RATIO);
    }
  }
}
