package io.loglake.cli;

import io.loglake.config.QualityConfig;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The thresholds of the data-quality rules, shared as a {@code @Mixin} by {@code check}, {@code
 * etl} and {@code stream}. Defaults are those of {@link QualityConfig}.
 */
public final class QualityOptions {
  @Option(
      names = "--max-quarantine-rate",
      paramLabel = "SHARE",
      defaultValue = QualityConfig.DEFAULT_MAX_QUARANTINE_RATE_TEXT,
      description =
          "Fail quarantine_rate when more than this share (0 to 1) of a run's records read were"
              + " quarantined (default: ${DEFAULT-VALUE}).")
  double maxQuarantineRate;

  @Option(
      names = "--max-missing-service",
      paramLabel = "SHARE",
      defaultValue = QualityConfig.DEFAULT_MAX_MISSING_SERVICE_TEXT,
      description =
          "Fail missing_service when more than this share (0 to 1) of the checked hours' rows have"
              + " no service (null, empty or blank) (default: ${DEFAULT-VALUE}).")
  double maxMissingService;

  @Option(
      names = "--min-volume-ratio",
      paramLabel = "RATIO",
      defaultValue = QualityConfig.DEFAULT_MIN_VOLUME_RATIO_TEXT,
      description =
          "Fail volume for an hour with fewer than this times the rows of the same hour the day"
              + " before (0 to 1; default: ${DEFAULT-VALUE}).")
  double minVolumeRatio;

  @Option(
      names = "--max-volume-ratio",
      paramLabel = "RATIO",
      defaultValue = QualityConfig.DEFAULT_MAX_VOLUME_RATIO_TEXT,
      description =
          "Fail volume for an hour with more than this times the rows of the same hour the day"
              + " before (1 or more; default: ${DEFAULT-VALUE}).")
  double maxVolumeRatio;

  @Option(
      names = "--min-baseline-rows",
      paramLabel = "N",
      defaultValue = QualityConfig.DEFAULT_MIN_BASELINE_ROWS_TEXT,
      description =
          "volume skips an hour whose same hour the day before has fewer rows than this: ratios of"
              + " small counts swing by chance (default: ${DEFAULT-VALUE}).")
  long minBaselineRows;

  /** The thresholds; one out of range is a usage error (made by {@code usage}). */
  QualityConfig config(Function<String, ParameterException> usage) {
    try {
      return new QualityConfig(
          maxQuarantineRate, maxMissingService, minVolumeRatio, maxVolumeRatio, minBaselineRows);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid data-quality threshold: " + e.getMessage());
    }
  }
}
