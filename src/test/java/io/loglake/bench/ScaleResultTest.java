package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleResultTest {
  private static final RawData RAW = new RawData(Path.of("raw"), 1440, 226L << 20);

  /** Runs of A, B, C in each round with these wall and in-job times (ms). */
  private static List<ScaleResult.Run> runs(long[][] wallAndInJobPerRound) {
    List<ScaleResult.Run> runs = new ArrayList<>();
    for (int round = 0; round < wallAndInJobPerRound.length; round++) {
      long[] times = wallAndInJobPerRound[round];
      for (Engine engine : Engine.values()) {
        int i = engine.ordinal() * 2;
        runs.add(
            new ScaleResult.Run(
                round + 1, engine, times[i], times[i + 1], 1L << 30, 100, 24, 1000, true));
      }
    }
    return runs;
  }

  @Test
  void ratiosPerRoundAndTheirMedians() {
    // A wall/in-job, B wall/in-job, C wall/in-job
    ScaleResult result =
        ScaleResult.of(
            Scale.SIX_MILLION,
            RAW,
            2,
            runs(
                new long[][] {
                  {10_000, 8_000, 40_000, 32_000, 5_000, 4_000},
                  {12_000, 9_000, 30_000, 30_000, 6_000, 6_000},
                  {20_000, 10_000, 40_000, 20_000, 4_000, 2_000}
                }),
            List.of());

    assertThat(result.ratiosPerRound()).hasSize(3);
    assertThat(result.ratiosPerRound().get(0))
        .isEqualTo(new ScaleResult.Ratios(0.25, 0.25, 2.0, 2.0));
    assertThat(result.medianRatios().aOverBWhole()).isEqualTo(0.4);
    assertThat(result.medianRatios().aOverCInJob()).isEqualTo(2.0);
    assertThat(result.rowsMatch()).isTrue();
  }

  @Test
  void engineSummaryInSecondsMibAndRecordsPerSecondPerCore() {
    ScaleResult result =
        ScaleResult.of(
            Scale.SIX_MILLION,
            RAW,
            2,
            runs(
                new long[][] {
                  {10_000, 8_000, 40_000, 32_000, 5_000, 4_000},
                  {12_000, 6_000, 30_000, 30_000, 6_000, 6_000}
                }),
            List.of());

    ScaleResult.EngineSummary a = result.engine(Engine.A);
    assertThat(a.wallSeconds()).isEqualTo(new Spread(11, 10, 12));
    assertThat(a.inJobSeconds()).isEqualTo(new Spread(7, 6, 8));
    assertThat(a.peakRssMib().max()).isEqualTo(1024);
    assertThat(a.recordsPerSecondPerCoreWhole()).isCloseTo(6_000_000 / 11.0 / 2, within(1e-6));
    assertThat(a.recordsPerSecondPerCoreInJob()).isCloseTo(6_000_000 / 7.0 / 2, within(1e-6));
  }

  @Test
  void mismatchesAreKept() {
    ScaleResult result =
        ScaleResult.of(
            Scale.SIX_MILLION,
            RAW,
            2,
            runs(new long[][] {{1, 1, 1, 1, 1, 1}}),
            List.of("B round 1: dt=… expected 2 rows, got 1"));
    assertThat(result.rowsMatch()).isFalse();
    assertThat(result.mismatches()).hasSize(1);
  }
}
