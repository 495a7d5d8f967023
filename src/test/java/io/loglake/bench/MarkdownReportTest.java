package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  private static ScaleResult dataSet(Dataset dataset, long aWallMillis) {
    List<ScaleResult.Run> runs = new ArrayList<>();
    long[] walls = {aWallMillis, 20_000, 6_000, 40_000, 4_000, 1_000};
    for (Engine engine : Engine.values()) {
      long wall = walls[engine.ordinal()];
      runs.add(new ScaleResult.Run(1, engine, wall, wall / 2, 1L << 30, 1 << 20, 24, 1000, true));
    }
    return ScaleResult.of(
        new BenchData(Scale.SIX_MILLION, dataset, 6_000_000),
        new RawData(Path.of("raw"), 1440, 226L << 20),
        9.5,
        2,
        runs,
        List.of());
  }

  @Test
  void bothKindsOfRecordsSideBySideWithEveryVariant() {
    List<ScaleResult> scales =
        List.of(dataSet(Dataset.EVENT_ID, 10_000), dataSet(Dataset.NO_EVENT_ID, 12_000));
    String md =
        MarkdownReport.render(
            new BenchResult(
                "2026-12-01T20:00:00Z",
                "scripts/bench.sh",
                "abc",
                2,
                "17",
                "0.1 0.1 0.1",
                "0.2 0.2 0.2",
                scales,
                TargetCheck.evaluate(scales)));

    assertThat(md)
        .contains("### 6m, event-id: 6,000,000 records")
        .contains("### 6m, no-event-id: 6,000,000 records")
        .contains("the new hour after the data set, 250,000 records")
        .contains("one untimed `etl --incremental` run of 9.5 s")
        .contains("| A-incremental loglake etl, one new hour | 6.0 (6.0–6.0) |")
        .contains("### 6m side by side (medians)")
        .contains(
            "| engine | wall s, event-id | wall s, no-event-id | in-job s, event-id |"
                + " in-job s, no-event-id | peak RSS MiB, event-id | peak RSS MiB, no-event-id |")
        .contains("| A loglake etl | 10.0 | 12.0 | 5.0 | 6.0 | 1024.0 | 1024.0 |")
        .contains("| ratio, median | event-id | no-event-id |")
        .contains("| A/B wall | 0.25 | 0.30 |")
        .contains("| A-incremental/C-hour wall | 6.00 | 6.00 |")
        .contains("| A whole process ≤2.5× C whole process (6m, no-event-id) | A/C = 3.00")
        .doesNotContain("A-incremental/B")
        .doesNotContain("NaN");
  }
}
