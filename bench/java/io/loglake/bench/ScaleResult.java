package io.loglake.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The results at one scale: every run, a summary per engine, and the ratios of A to B and C per
 * round and their medians. Times are in seconds, memory in MiB.
 *
 * @param mismatches groups whose row counts differ from A's first run, by engine and round; empty
 *     when every engine wrote the same rows
 */
record ScaleResult(
    String scale,
    long records,
    int rawObjects,
    long rawBytes,
    int rounds,
    int cores,
    List<EngineSummary> engines,
    List<Ratios> ratiosPerRound,
    Ratios medianRatios,
    boolean rowsMatch,
    List<String> mismatches,
    List<Run> runs) {

  /** One engine's run in one round. */
  record Run(
      int round,
      Engine engine,
      long wallMillis,
      long inJobMillis,
      long peakRssBytes,
      long outputBytes,
      int outputFiles,
      long rows,
      boolean rowsMatch) {}

  /** One engine over all rounds; output size and files from its last round. */
  record EngineSummary(
      Engine engine,
      String title,
      Spread wallSeconds,
      Spread inJobSeconds,
      Spread peakRssMib,
      double recordsPerSecondPerCoreWhole,
      double recordsPerSecondPerCoreInJob,
      long outputBytes,
      int outputFiles,
      boolean rowsMatch) {}

  /** A's time divided by B's and by C's, whole process and in-job (below 1: A is faster). */
  record Ratios(double aOverBWhole, double aOverBInJob, double aOverCWhole, double aOverCInJob) {}

  static final double MIB = 1024.0 * 1024.0;

  static ScaleResult of(
      Scale scale, RawData raw, int cores, List<Run> runs, List<String> mismatches) {
    List<EngineSummary> engines =
        Arrays.stream(Engine.values()).map(e -> summary(e, scale.records, cores, runs)).toList();
    double[] wallA = values(runs, Engine.A, true);
    double[] wallB = values(runs, Engine.B, true);
    double[] wallC = values(runs, Engine.C, true);
    double[] inJobA = values(runs, Engine.A, false);
    double[] inJobB = values(runs, Engine.B, false);
    double[] inJobC = values(runs, Engine.C, false);
    double[] aOverBWhole = Spread.ratios(wallA, wallB);
    double[] aOverBInJob = Spread.ratios(inJobA, inJobB);
    double[] aOverCWhole = Spread.ratios(wallA, wallC);
    double[] aOverCInJob = Spread.ratios(inJobA, inJobC);
    List<Ratios> perRound =
        IntStream.range(0, wallA.length)
            .mapToObj(
                i -> new Ratios(aOverBWhole[i], aOverBInJob[i], aOverCWhole[i], aOverCInJob[i]))
            .toList();
    Ratios medians =
        new Ratios(
            median(aOverBWhole), median(aOverBInJob), median(aOverCWhole), median(aOverCInJob));
    return new ScaleResult(
        scale.id,
        scale.records,
        raw.objects(),
        raw.bytes(),
        wallA.length,
        cores,
        engines,
        perRound,
        medians,
        mismatches.isEmpty(),
        List.copyOf(mismatches),
        List.copyOf(runs));
  }

  EngineSummary engine(Engine engine) {
    return engines.get(engine.ordinal());
  }

  private static EngineSummary summary(Engine engine, long records, int cores, List<Run> runs) {
    List<Run> mine = runs.stream().filter(run -> run.engine() == engine).toList();
    Spread wall = Spread.of(mine.stream().map(Run::wallMillis).toList()).dividedBy(1000);
    Spread inJob = Spread.of(mine.stream().map(Run::inJobMillis).toList()).dividedBy(1000);
    Spread rss = Spread.of(mine.stream().map(Run::peakRssBytes).toList()).dividedBy(MIB);
    Run last = mine.get(mine.size() - 1);
    return new EngineSummary(
        engine,
        engine.title,
        wall,
        inJob,
        rss,
        records / wall.median() / cores,
        records / inJob.median() / cores,
        last.outputBytes(),
        last.outputFiles(),
        mine.stream().allMatch(Run::rowsMatch));
  }

  private static double[] values(List<Run> runs, Engine engine, boolean wall) {
    return runs.stream()
        .filter(run -> run.engine() == engine)
        .mapToDouble(run -> wall ? run.wallMillis() : run.inJobMillis())
        .toArray();
  }

  private static double median(double[] values) {
    return Spread.of(Arrays.stream(values).boxed().toList()).median();
  }
}
