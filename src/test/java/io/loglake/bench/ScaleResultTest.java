package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleResultTest {
  private static final RawData RAW = new RawData(Path.of("raw"), 1440, 226L << 20);
  private static final BenchData SIX_MILLION =
      new BenchData(Scale.SIX_MILLION, Dataset.EVENT_ID, Scale.SIX_MILLION.records);
  private static final List<Engine> A_B_C = List.of(Engine.A, Engine.B, Engine.C);

  /** Runs of {@code engines} in each round with these wall and in-job times (ms), in turn. */
  private static List<ScaleResult.Run> runs(List<Engine> engines, long[][] wallAndInJobPerRound) {
    List<ScaleResult.Run> runs = new ArrayList<>();
    for (int round = 0; round < wallAndInJobPerRound.length; round++) {
      long[] times = wallAndInJobPerRound[round];
      for (int e = 0; e < engines.size(); e++) {
        runs.add(
            new ScaleResult.Run(
                round + 1,
                engines.get(e),
                times[e * 2],
                times[e * 2 + 1],
                1L << 30,
                100,
                24,
                1000,
                true));
      }
    }
    return runs;
  }

  @Test
  void ratiosPerRoundAndTheirMedians() {
    // A wall/in-job, B wall/in-job, C wall/in-job
    ScaleResult result =
        ScaleResult.of(
            SIX_MILLION,
            RAW,
            0,
            2,
            runs(
                A_B_C,
                new long[][] {
                  {10_000, 8_000, 40_000, 32_000, 5_000, 4_000},
                  {12_000, 9_000, 30_000, 30_000, 6_000, 6_000},
                  {20_000, 10_000, 40_000, 20_000, 4_000, 2_000}
                }),
            List.of());

    assertThat(result.ratios())
        .extracting(ScaleResult.VariantRatios::engine)
        .containsExactly(Engine.A);
    assertThat(result.ratiosOf(Engine.A).perRound()).hasSize(3);
    assertThat(result.ratiosOf(Engine.A).perRound().get(0))
        .isEqualTo(new ScaleResult.Ratios(0.25, 0.25, 2.0, 2.0));
    assertThat(result.medianRatios().overBWhole()).isEqualTo(0.4);
    assertThat(result.medianRatios().overCInJob()).isEqualTo(2.0);
    assertThat(result.rowsMatch()).isTrue();
    assertThat(result.rounds()).isEqualTo(3);
  }

  @Test
  void icebergIsDividedByBAndCAndTheNewHourByDuckDbOnTheNewHourOnly() {
    List<Engine> all = List.of(Engine.values());
    // A, A-iceberg, A-incremental, B, C, C-hour: wall/in-job each
    ScaleResult result =
        ScaleResult.of(
            SIX_MILLION,
            RAW,
            12.5,
            2,
            runs(
                all,
                new long[][] {
                  {
                    10_000, 8_000, 20_000, 16_000, 6_000, 3_000, 40_000, 32_000, 5_000, 4_000,
                    1_000, 500
                  }
                }),
            List.of());

    assertThat(result.ratiosOf(Engine.A_ICEBERG).median())
        .isEqualTo(new ScaleResult.Ratios(0.5, 0.5, 4.0, 4.0));
    ScaleResult.VariantRatios incremental = result.ratiosOf(Engine.A_INCREMENTAL);
    assertThat(incremental.peerB()).isNull();
    assertThat(incremental.peerC()).isEqualTo(Engine.C_HOUR);
    assertThat(incremental.median().overCWhole()).isEqualTo(6.0);
    assertThat(incremental.median().overCInJob()).isEqualTo(6.0);
    assertThat(incremental.median().overBWhole()).isNaN();
    // The new-hour engines' throughput counts the new hour's records (6M / 24 h).
    assertThat(result.newHourRecords()).isEqualTo(250_000);
    assertThat(result.engine(Engine.C_HOUR).recordsPerSecondPerCoreWhole())
        .isCloseTo(250_000 / 1.0 / 2, within(1e-6));
    assertThat(result.incrementalSetupSeconds()).isEqualTo(12.5);
    assertThat(MarkdownReport.ratioRows(result))
        .extracting(MarkdownReport.RatioRow::name)
        .containsExactly(
            "A/B wall",
            "A/B in-job",
            "A/C wall",
            "A/C in-job",
            "A-iceberg/B wall",
            "A-iceberg/B in-job",
            "A-iceberg/C wall",
            "A-iceberg/C in-job",
            "A-incremental/C-hour wall",
            "A-incremental/C-hour in-job");
  }

  @Test
  void engineSummaryInSecondsMibAndRecordsPerSecondPerCore() {
    ScaleResult result =
        ScaleResult.of(
            SIX_MILLION,
            RAW,
            0,
            2,
            runs(
                A_B_C,
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
    assertThat(result.engine(Engine.A_ICEBERG)).isNull();
  }

  @Test
  void mismatchesAreKept() {
    ScaleResult result =
        ScaleResult.of(
            SIX_MILLION,
            RAW,
            0,
            2,
            runs(A_B_C, new long[][] {{1, 1, 1, 1, 1, 1}}),
            List.of("B round 1: dt=… expected 2 rows, got 1"));
    assertThat(result.rowsMatch()).isFalse();
    assertThat(result.mismatches()).hasSize(1);
  }
}
