package io.loglake.config;

/**
 * The thresholds of the data-quality rules ({@code loglake check}, {@code etl --check}, {@code
 * stream --check}); every default is declared here once, as written on the command line.
 *
 * @param maxQuarantineRate a run fails {@code quarantine_rate} above this share of its records read
 * @param maxMissingService the checked hours fail {@code missing_service} above this share of rows
 *     with no service (null, empty or blank)
 * @param minVolumeRatio an hour fails {@code volume} below this ratio to the same hour the day
 *     before
 * @param maxVolumeRatio an hour fails {@code volume} above this ratio to the same hour the day
 *     before
 * @param minBaselineRows {@code volume} skips an hour whose same hour the day before has fewer rows
 *     than this: a ratio of small counts swings by chance (10 ± 3 rows is normal noise, 100 ± 10
 *     already is not a halving or a doubling)
 */
public record QualityConfig(
    double maxQuarantineRate,
    double maxMissingService,
    double minVolumeRatio,
    double maxVolumeRatio,
    long minBaselineRows) {
  public static final String DEFAULT_MAX_QUARANTINE_RATE_TEXT = "0.01";
  public static final String DEFAULT_MAX_MISSING_SERVICE_TEXT = "0.05";
  public static final String DEFAULT_MIN_VOLUME_RATIO_TEXT = "0.5";
  public static final String DEFAULT_MAX_VOLUME_RATIO_TEXT = "2.0";
  public static final String DEFAULT_MIN_BASELINE_ROWS_TEXT = "100";

  /** The most hours one check looks at (31 days): its aggregate returns at most twice as many. */
  public static final int MAX_CHECKED_HOURS = 31 * 24;

  /** Every threshold at its default. */
  public static final QualityConfig DEFAULT =
      new QualityConfig(
          Double.parseDouble(DEFAULT_MAX_QUARANTINE_RATE_TEXT),
          Double.parseDouble(DEFAULT_MAX_MISSING_SERVICE_TEXT),
          Double.parseDouble(DEFAULT_MIN_VOLUME_RATIO_TEXT),
          Double.parseDouble(DEFAULT_MAX_VOLUME_RATIO_TEXT),
          Long.parseLong(DEFAULT_MIN_BASELINE_ROWS_TEXT));

  /**
   * @throws IllegalArgumentException naming the threshold that is out of range
   */
  public QualityConfig {
    share("the max quarantine rate", maxQuarantineRate);
    share("the max missing-service share", maxMissingService);
    if (!(minVolumeRatio >= 0 && minVolumeRatio <= 1)) {
      throw new IllegalArgumentException(
          "the min volume ratio must be between 0 and 1, got " + minVolumeRatio);
    }
    if (!(maxVolumeRatio >= 1 && maxVolumeRatio < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "the max volume ratio must be 1 or more, got " + maxVolumeRatio);
    }
    if (minBaselineRows < 1) {
      throw new IllegalArgumentException(
          "the min baseline rows must be 1 or more, got " + minBaselineRows);
    }
  }

  private static void share(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
    }
  }
}
