package io.loglake.producer;

import java.time.Duration;

/** Waits; injected so that tests of retries and rate control need not wait. */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits {@code duration}. An interrupt ends the wait early and leaves the thread's interrupt flag
   * set, so a shutdown is not delayed by a back-off.
   */
  void sleep(Duration duration);

  Sleeper SYSTEM =
      duration -> {
        if (duration.isNegative() || duration.isZero()) {
          return;
        }
        try {
          Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };
}
