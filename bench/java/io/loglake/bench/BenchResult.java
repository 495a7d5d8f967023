package io.loglake.bench;

import java.util.List;

/**
 * One benchmark run: where and how it ran, its results per scale, and the targets of issues 5 and
 * 12. The load averages (1, 5, 15 minutes, from {@code /proc/loadavg}) show whether other processes
 * shared the cores: above the core count, they did.
 */
record BenchResult(
    String startedAt,
    String command,
    String revision,
    int cores,
    String java,
    String loadAverageAtStart,
    String loadAverageAtEnd,
    List<ScaleResult> scales,
    List<TargetCheck> targets) {

  boolean rowsMatch() {
    return scales.stream().allMatch(ScaleResult::rowsMatch);
  }
}
