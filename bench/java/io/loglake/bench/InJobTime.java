package io.loglake.bench;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line on which a benchmarked engine (B, C) reports its in-job time, and its parser. The
 * orchestrator reads it from the engine's output; loglake (A) reports it as {@code duration_ms}.
 */
final class InJobTime {
  private static final String PREFIX = "bench in-job ms: ";
  private static final Pattern LINE = Pattern.compile("(?m)^" + Pattern.quote(PREFIX) + "(\\d+)$");

  private InJobTime() {}

  /** Prints the in-job time since {@code startNanos} (a {@link System#nanoTime()} reading). */
  static void print(long startNanos) {
    System.out.println(PREFIX + (System.nanoTime() - startNanos) / 1_000_000);
  }

  /** The in-job time printed in {@code output}, or empty when there is none. */
  static OptionalLong parse(String output) {
    Matcher matcher = LINE.matcher(output);
    return matcher.find()
        ? OptionalLong.of(Long.parseLong(matcher.group(1)))
        : OptionalLong.empty();
  }
}
