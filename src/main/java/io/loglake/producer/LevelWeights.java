package io.loglake.producer;

import java.util.Locale;

/**
 * Relative weights of the levels the generator draws. They need not sum to 1: each level's
 * probability is its weight divided by the sum. Every weight is finite and non-negative, and at
 * least one is positive.
 */
public record LevelWeights(double info, double warn, double error) {
  /** The seed producer's mix: 80 % INFO, 15 % WARN, 5 % ERROR. */
  public static final LevelWeights DEFAULT = new LevelWeights(0.80, 0.15, 0.05);

  public LevelWeights {
    requireWeight("INFO", info);
    requireWeight("WARN", warn);
    requireWeight("ERROR", error);
    if (info + warn + error <= 0) {
      throw new IllegalArgumentException("at least one level weight must be positive");
    }
  }

  /**
   * Parses {@code "INFO,WARN,ERROR"} weights such as {@code "0.8,0.15,0.05"}.
   *
   * @throws IllegalArgumentException naming the text when it is not three valid weights
   */
  public static LevelWeights parse(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not three comma-separated weights for INFO,WARN,ERROR such as 0.8,0.15,0.05");
    }
    double[] weights = new double[3];
    for (int i = 0; i < 3; i++) {
      try {
        weights[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "'" + parts[i].trim() + "' in '" + text + "' is not a number");
      }
    }
    return new LevelWeights(weights[0], weights[1], weights[2]);
  }

  /** The probability of {@code level}: its weight divided by the sum of the weights. */
  public double probability(LogLevel level) {
    double weight =
        switch (level) {
          case INFO -> info;
          case WARN -> warn;
          case ERROR -> error;
        };
    return weight / (info + warn + error);
  }

  private static void requireWeight(String level, double weight) {
    if (!Double.isFinite(weight) || weight < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "the %s weight must be a non-negative number, got %s", level, weight));
    }
  }
}
