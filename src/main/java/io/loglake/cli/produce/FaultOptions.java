package io.loglake.cli.produce;

import io.loglake.cli.UsageErrors;
import io.loglake.producer.FaultInjector;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --late-fraction}, {@code --duplicate-fraction}, {@code --malformed-fraction}. */
public final class FaultOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--late-fraction",
      paramLabel = "F",
      defaultValue = "0",
      description = "Fraction of records stamped 1-6 hours earlier than sent (default: 0).")
  double lateFraction;

  @Option(
      names = "--duplicate-fraction",
      paramLabel = "F",
      defaultValue = "0",
      description = "Fraction of records sent a second time, 1-50 records later (default: 0).")
  double duplicateFraction;

  @Option(
      names = "--malformed-fraction",
      paramLabel = "F",
      defaultValue = "0",
      description = "Fraction of records cut short into broken JSON lines (default: 0).")
  double malformedFraction;

  /** The faults asked for, each fraction checked. */
  public FaultInjector.Faults faults() {
    return UsageErrors.validated(
        command,
        () -> new FaultInjector.Faults(lateFraction, duplicateFraction, malformedFraction),
        "Cannot use the fault options");
  }
}
