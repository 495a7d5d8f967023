package io.loglake.producer;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How a sink retries a failed delivery: exponential back-off with "equal jitter" (the wait before
 * retry {@code n} is uniformly drawn from {@code [cap/2, cap]} where {@code cap = min(maxDelay,
 * base * 2^(n-1))}), bounded both in attempts and in total time. Throttling starts from a larger
 * base, so a throttled producer slows down at once instead of spinning.
 *
 * @param maxAttempts attempts in all, the first included; at least 1
 * @param baseDelay the first back-off for an error; positive
 * @param throttledBaseDelay the first back-off when the service throttles; positive
 * @param maxDelay the longest single back-off; at least both bases
 * @param maxElapsed no retry starts later than this after the first attempt
 */
public record RetryPolicy(
    int maxAttempts,
    Duration baseDelay,
    Duration throttledBaseDelay,
    Duration maxDelay,
    Duration maxElapsed) {

  /** Ten attempts, 100 ms (throttled: 500 ms) doubling to 10 s, within 2 minutes. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          10,
          Duration.ofMillis(100),
          Duration.ofMillis(500),
          Duration.ofSeconds(10),
          Duration.ofMinutes(2));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt is needed, got " + maxAttempts);
    }
    requirePositive("base delay", baseDelay);
    requirePositive("throttled base delay", throttledBaseDelay);
    requirePositive("maximum delay", maxDelay);
    requirePositive("maximum elapsed time", maxElapsed);
    if (maxDelay.compareTo(baseDelay) < 0 || maxDelay.compareTo(throttledBaseDelay) < 0) {
      throw new IllegalArgumentException(
          "the maximum delay " + maxDelay + " is shorter than a base delay");
    }
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, baseDelay, throttledBaseDelay, maxDelay, maxElapsed);
  }

  /**
   * The wait before the next attempt after {@code failedAttempts} failed ones.
   *
   * @param throttled whether the service throttled the last attempt
   * @param random uniform in [0, 1)
   */
  public Duration backoff(int failedAttempts, boolean throttled, DoubleSupplier random) {
    long base = (throttled ? throttledBaseDelay : baseDelay).toNanos();
    int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
    long cap = Math.min(maxDelay.toNanos(), saturatingShift(base, doublings));
    long half = cap / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (cap - half)));
  }

  private static long saturatingShift(long value, int shift) {
    return value > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : value << shift;
  }

  private static void requirePositive(String what, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the " + what + " must be positive, got " + value);
    }
  }
}
