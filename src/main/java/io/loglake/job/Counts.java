package io.loglake.job;

/**
 * Counts in the one-line summaries a user reads: {@code 1 file}, {@code 2 files}, {@code 1,440
 * files}.
 */
public final class Counts {
  private Counts() {}

  /** {@code count} and {@code noun}, the noun with an {@code s} unless the count is one. */
  public static String of(long count, String noun) {
    return String.format("%,d %s%s", count, noun, count == 1 ? "" : "s");
  }
}
