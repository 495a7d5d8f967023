package io.loglake.config;

import java.util.Locale;

/** Where a run's metrics go besides its report ({@code --metrics}). */
public enum MetricsTarget {
  /** Nowhere: the run report is the record. */
  NONE,
  /** Amazon CloudWatch, one {@code PutMetricData} call per run (namespace {@code loglake}). */
  CLOUDWATCH;

  /** The name as {@code --metrics} takes it: {@code none}, {@code cloudwatch}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code none} or {@code cloudwatch} (any case); anything else fails naming the choices. */
  public static MetricsTarget parse(String text) {
    for (MetricsTarget target : values()) {
      if (target.text().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return target;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a metrics target; the targets are none, cloudwatch");
  }
}
