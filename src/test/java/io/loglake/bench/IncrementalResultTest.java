package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalResultTest {
  private static IncrementalResult.Run run(
      int round, String format, int days, long wallMillis, long inJobMillis) {
    return new IncrementalResult.Run(
        round, format, days, wallMillis, inJobMillis, 1 << 20, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, true);
  }

  @Test
  void ratiosAreOfTheMediansOfEachHistoryAndFormat() {
    List<IncrementalResult.Run> runs =
        List.of(
            run(1, "parquet", 1, 10_000, 8_000),
            run(2, "parquet", 1, 12_000, 9_000),
            run(3, "parquet", 1, 11_000, 100_000),
            run(1, "parquet", 30, 14_000, 10_000),
            run(2, "parquet", 30, 16_500, 12_000),
            run(3, "parquet", 30, 15_000, 11_000),
            run(1, "iceberg", 1, 1_000, 1_000),
            run(1, "iceberg", 30, 100_000, 100_000));
    IncrementalResult.FormatSummary parquet =
        IncrementalResult.FormatSummary.of("parquet", 1, 30, runs);
    assertThat(parquet.shortWallSeconds()).isEqualTo(new Spread(11, 10, 12));
    assertThat(parquet.longWallSeconds().median()).isEqualTo(15);
    assertThat(parquet.wallRatio()).isCloseTo(15.0 / 11, within(1e-9));
    assertThat(parquet.inJobRatio()).isCloseTo(11.0 / 9, within(1e-9));
    assertThat(parquet.targetMet()).isTrue();
  }

  @Test
  void theTargetIsMissedWhenEitherRatioExceedsOneAndAHalf() {
    List<IncrementalResult.Run> runs =
        List.of(run(1, "iceberg", 1, 10_000, 4_000), run(1, "iceberg", 30, 14_000, 6_100));
    IncrementalResult.FormatSummary iceberg =
        IncrementalResult.FormatSummary.of("iceberg", 1, 30, runs);
    assertThat(iceberg.wallRatio()).isCloseTo(1.4, within(1e-9));
    assertThat(iceberg.inJobRatio()).isCloseTo(1.525, within(1e-9));
    assertThat(iceberg.targetMet()).isFalse();
  }

  @Test
  void theMarkdownTablesHaveAsManyCellsPerRowAsTheirHeader() {
    List<IncrementalResult.Run> runs =
        List.of(run(1, "parquet", 1, 10_000, 4_000), run(1, "parquet", 30, 20_000, 9_000));
    IncrementalResult.FormatSummary parquet =
        IncrementalResult.FormatSummary.of("parquet", 1, 30, runs);
    IncrementalResult result =
        new IncrementalResult(
            "2026-12-01T00:00:00Z",
            "scripts/bench-incremental.sh",
            "abc",
            2,
            "17",
            "0 0 0",
            "0 0 0",
            15_000,
            24,
            15_150,
            3_000,
            List.of(new IncrementalHistory.Setup("parquet", 30, 30, 300_000)),
            runs,
            List.of(parquet),
            true,
            parquet.targetMet());
    String markdown = IncrementalMarkdown.render(result);
    assertThat(markdown).contains("| parquet | 30 d | 20.0 s (20.0-20.0) |").contains("**missed**");
    int header = -1;
    for (String line : markdown.split("\n")) {
      if (!line.startsWith("|")) {
        header = -1;
        continue;
      }
      long cells = line.chars().filter(c -> c == '|').count();
      if (header < 0) {
        header = (int) cells;
      }
      assertThat(cells).as(line).isEqualTo(header);
    }
  }
}
