package io.loglake.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The results of one data set (a scale and a kind of records): every run, a summary per engine, and
 * the ratios of A and its variants to their peers per round and their medians. Times are in
 * seconds, memory in MiB.
 *
 * @param dataset {@code event-id} or {@code no-event-id}
 * @param newHourRecords records in the new hour that A-incremental and C-hour process
 * @param incrementalSetupSeconds the untimed {@code etl --incremental} run that curated the history
 * @param mismatches groups whose row counts differ from A's first run (or, for A-incremental, the
 *     count differing from the new hour's), by engine and round; empty when all is right
 */
record ScaleResult(
    String scale,
    String dataset,
    long records,
    int rawObjects,
    long rawBytes,
    long newHourRecords,
    double incrementalSetupSeconds,
    int rounds,
    int cores,
    List<EngineSummary> engines,
    List<VariantRatios> ratios,
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

  /**
   * An engine's time divided by its peers' (B and C; for A-incremental no B and C-hour as C), whole
   * process and in-job; below 1 it is faster. NaN where there is no peer.
   */
  record Ratios(double overBWhole, double overBInJob, double overCWhole, double overCInJob) {}

  /** The ratios of one of A's variants, per round and their medians. */
  record VariantRatios(
      Engine engine, Engine peerB, Engine peerC, List<Ratios> perRound, Ratios median) {}

  static final double MIB = 1024.0 * 1024.0;

  static ScaleResult of(
      BenchData data,
      RawData raw,
      double incrementalSetupSeconds,
      int cores,
      List<Run> runs,
      List<String> mismatches) {
    List<Engine> ran =
        Arrays.stream(Engine.values())
            .filter(e -> runs.stream().anyMatch(run -> run.engine() == e))
            .toList();
    List<EngineSummary> engines =
        ran.stream()
            .map(
                e ->
                    summary(
                        e, e.newHourOnly() ? data.newHourRecords() : data.records(), cores, runs))
            .toList();
    List<VariantRatios> ratios = new ArrayList<>();
    for (Engine engine : ran) {
      Engine[] peers = engine.peers();
      if (peers.length == 0) {
        continue;
      }
      Engine peerB = peers[0] != null && ran.contains(peers[0]) ? peers[0] : null;
      Engine peerC = ran.contains(peers[1]) ? peers[1] : null;
      ratios.add(ratios(engine, peerB, peerC, runs));
    }
    return new ScaleResult(
        data.scale().id,
        data.dataset().id,
        data.records(),
        raw.objects(),
        raw.bytes(),
        data.newHourRecords(),
        incrementalSetupSeconds,
        runs.stream().mapToInt(Run::round).max().orElse(0),
        cores,
        engines,
        List.copyOf(ratios),
        mismatches.isEmpty(),
        List.copyOf(mismatches),
        List.copyOf(runs));
  }

  /** The summary of {@code engine}, or null when it did not run. */
  EngineSummary engine(Engine engine) {
    return engines.stream().filter(e -> e.engine() == engine).findFirst().orElse(null);
  }

  /** The ratios of {@code engine}, or null when it did not run. */
  VariantRatios ratiosOf(Engine engine) {
    return ratios.stream().filter(r -> r.engine() == engine).findFirst().orElse(null);
  }

  /** A's median ratios (B and C run in every round with A). */
  Ratios medianRatios() {
    return ratiosOf(Engine.A).median();
  }

  private static VariantRatios ratios(Engine engine, Engine peerB, Engine peerC, List<Run> runs) {
    double[] wall = values(runs, engine, true);
    double[] inJob = values(runs, engine, false);
    double[] overBWhole = over(wall, runs, peerB, true);
    double[] overBInJob = over(inJob, runs, peerB, false);
    double[] overCWhole = over(wall, runs, peerC, true);
    double[] overCInJob = over(inJob, runs, peerC, false);
    List<Ratios> perRound = new ArrayList<>();
    for (int i = 0; i < wall.length; i++) {
      perRound.add(new Ratios(overBWhole[i], overBInJob[i], overCWhole[i], overCInJob[i]));
    }
    Ratios median =
        new Ratios(median(overBWhole), median(overBInJob), median(overCWhole), median(overCInJob));
    return new VariantRatios(engine, peerB, peerC, List.copyOf(perRound), median);
  }

  private static double[] over(double[] numerators, List<Run> runs, Engine peer, boolean wall) {
    if (peer == null) {
      double[] none = new double[numerators.length];
      Arrays.fill(none, Double.NaN);
      return none;
    }
    return Spread.ratios(numerators, values(runs, peer, wall));
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
    if (Arrays.stream(values).anyMatch(Double::isNaN)) {
      return Double.NaN;
    }
    return Spread.of(Arrays.stream(values).boxed().toList()).median();
  }
}
