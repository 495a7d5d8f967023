package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TargetCheckTest {
  private static ScaleResult.EngineSummary engine(
      Engine engine, double inJobSeconds, double rssMib) {
    return new ScaleResult.EngineSummary(
        engine,
        engine.title,
        new Spread(1, 1, 1),
        new Spread(inJobSeconds, inJobSeconds, inJobSeconds),
        new Spread(rssMib, rssMib, rssMib),
        1,
        1,
        1,
        1,
        true);
  }

  private static ScaleResult scale(
      Scale scale,
      ScaleResult.Ratios ratios,
      double aInJobSeconds,
      double aRssMib,
      boolean rowsMatch) {
    return scale(scale, Dataset.EVENT_ID, ratios, aInJobSeconds, aRssMib, rowsMatch);
  }

  private static ScaleResult scale(
      Scale scale,
      Dataset dataset,
      ScaleResult.Ratios ratios,
      double aInJobSeconds,
      double aRssMib,
      boolean rowsMatch) {
    return new ScaleResult(
        scale.id,
        dataset.id,
        scale.records,
        1,
        1,
        scale.records / scale.hours,
        1,
        1,
        2,
        List.of(
            engine(Engine.A, aInJobSeconds, aRssMib),
            engine(Engine.B, 1, 1),
            engine(Engine.C, 1, 1)),
        List.of(
            new ScaleResult.VariantRatios(Engine.A, Engine.B, Engine.C, List.of(ratios), ratios)),
        rowsMatch,
        List.of(),
        List.of());
  }

  private static Map<String, TargetCheck.Status> statuses(List<TargetCheck> checks) {
    return checks.stream().collect(Collectors.toMap(TargetCheck::target, TargetCheck::status));
  }

  @Test
  void sixMillionOnlyLeavesTheScalingTargetsUnmeasured() {
    ScaleResult small =
        scale(Scale.SIX_MILLION, new ScaleResult.Ratios(0.3, 0.2, 2.6, 1.4), 10, 1500, true);
    assertThat(statuses(TargetCheck.evaluate(List.of(small))))
        .containsOnly(
            Map.entry("A ≥3× faster than B, whole process (6m, event-id)", TargetCheck.Status.MET),
            Map.entry("A in-job ≤1.5× C in-job (6m, event-id)", TargetCheck.Status.MET),
            Map.entry(
                "A whole process ≤2.5× C whole process (6m, event-id)", TargetCheck.Status.NOT_MET),
            Map.entry("A peak RSS ≤2 GiB (6m, event-id)", TargetCheck.Status.MET),
            Map.entry("A peak RSS flat 6m→30m (≤1.20×, event-id)", TargetCheck.Status.NOT_MEASURED),
            Map.entry(
                "A time/record (in-job) at 30m within 10% of 6m (event-id)",
                TargetCheck.Status.NOT_MEASURED));
  }

  @Test
  void scalingTargetsCompare30mWith6m() {
    ScaleResult.Ratios ratios = new ScaleResult.Ratios(0.3, 0.2, 2, 1);
    ScaleResult small = scale(Scale.SIX_MILLION, ratios, 10, 1000, true);
    ScaleResult large = scale(Scale.THIRTY_MILLION, ratios, 56, 1300, true);
    Map<String, TargetCheck.Status> statuses =
        statuses(TargetCheck.evaluate(List.of(small, large)));
    assertThat(statuses)
        .containsEntry("A peak RSS flat 6m→30m (≤1.20×, event-id)", TargetCheck.Status.NOT_MET)
        .containsEntry(
            "A time/record (in-job) at 30m within 10% of 6m (event-id)",
            TargetCheck.Status.NOT_MET);

    ScaleResult steady = scale(Scale.THIRTY_MILLION, ratios, 54, 1100, true);
    assertThat(statuses(TargetCheck.evaluate(List.of(small, steady))))
        .containsEntry("A peak RSS flat 6m→30m (≤1.20×, event-id)", TargetCheck.Status.MET)
        .containsEntry(
            "A time/record (in-job) at 30m within 10% of 6m (event-id)", TargetCheck.Status.MET);
  }

  @Test
  void eachKindOfRecordsHasItsOwnTargets() {
    ScaleResult.Ratios fast = new ScaleResult.Ratios(0.3, 0.2, 2, 1);
    ScaleResult.Ratios slow = new ScaleResult.Ratios(0.7, 0.6, 5, 3);
    Map<String, TargetCheck.Status> statuses =
        statuses(
            TargetCheck.evaluate(
                List.of(
                    scale(Scale.SIX_MILLION, Dataset.EVENT_ID, fast, 10, 1000, true),
                    scale(Scale.SIX_MILLION, Dataset.NO_EVENT_ID, slow, 10, 2500, true))));
    assertThat(statuses)
        .hasSize(12)
        .containsEntry("A ≥3× faster than B, whole process (6m, event-id)", TargetCheck.Status.MET)
        .containsEntry(
            "A ≥3× faster than B, whole process (6m, no-event-id)", TargetCheck.Status.NOT_MET)
        .containsEntry("A in-job ≤1.5× C in-job (6m, no-event-id)", TargetCheck.Status.NOT_MET)
        .containsEntry("A peak RSS ≤2 GiB (6m, event-id)", TargetCheck.Status.MET)
        .containsEntry("A peak RSS ≤2 GiB (6m, no-event-id)", TargetCheck.Status.NOT_MET)
        .containsEntry(
            "A peak RSS flat 6m→30m (≤1.20×, no-event-id)", TargetCheck.Status.NOT_MEASURED);
  }

  @Test
  void aFastResultWithDifferentRowsDoesNotCount() {
    ScaleResult wrong =
        scale(Scale.SIX_MILLION, new ScaleResult.Ratios(0.1, 0.1, 0.1, 0.1), 1, 1, false);
    TargetCheck check = TargetCheck.evaluate(List.of(wrong)).get(0);
    assertThat(check.status()).isEqualTo(TargetCheck.Status.NOT_MET);
    assertThat(check.measured()).contains("ROWS DIFFER");
  }
}
