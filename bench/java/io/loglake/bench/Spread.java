package io.loglake.bench;

import java.util.Arrays;
import java.util.Collection;

/** The median and the range of a set of measurements. */
record Spread(double median, double min, double max) {

  /** The spread of {@code values}; the median of an even count is the mean of the middle two. */
  static Spread of(Collection<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("Cannot compute a spread: no values");
    }
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    double median =
        sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return new Spread(median, sorted[0], sorted[sorted.length - 1]);
  }

  /** Each value divided by {@code divisor} (e.g. milliseconds to seconds). */
  Spread dividedBy(double divisor) {
    return new Spread(median / divisor, min / divisor, max / divisor);
  }

  /** {@code numerators[i] / denominators[i]} for each round i. */
  static double[] ratios(double[] numerators, double[] denominators) {
    if (numerators.length != denominators.length) {
      throw new IllegalArgumentException(
          "Cannot compute ratios: "
              + numerators.length
              + " numerators, "
              + denominators.length
              + " denominators");
    }
    double[] ratios = new double[numerators.length];
    Arrays.setAll(ratios, i -> numerators[i] / denominators[i]);
    return ratios;
  }
}
