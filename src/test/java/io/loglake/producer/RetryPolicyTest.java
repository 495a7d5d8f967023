package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production retry bounds, as the README states them, and the back-off they give. */
class RetryPolicyTest {
  /** Just under 1: a draw at the top of the jitter range. */
  private static final double HIGHEST = Math.nextDown(1.0);

  @Test
  void theDefaultIsTenAttemptsFrom100msOr500msThrottledDoublingTo10sWithinTwoMinutes() {
    assertThat(RetryPolicy.DEFAULT)
        .isEqualTo(
            new RetryPolicy(
                10,
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                Duration.ofSeconds(10),
                Duration.ofMinutes(2)));
  }

  @Test
  void theDefaultBackOffDoublesFrom100msUpTo10sWithEqualJitter() {
    // [lowest, highest] wait in ms after 1, 2, ... failed attempts: half the cap to the cap.
    List<long[]> expected =
        List.of(
            new long[] {50, 100},
            new long[] {100, 200},
            new long[] {200, 400},
            new long[] {400, 800},
            new long[] {800, 1600},
            new long[] {1600, 3200},
            new long[] {3200, 6400},
            new long[] {5000, 10000},
            new long[] {5000, 10000});
    for (int failed = 1; failed <= expected.size(); failed++) {
      long[] range = expected.get(failed - 1);
      assertThat(RetryPolicy.DEFAULT.backoff(failed, false, () -> 0).toMillis())
          .as("lowest wait after %d failed attempts", failed)
          .isEqualTo(range[0]);
      assertThat(RetryPolicy.DEFAULT.backoff(failed, false, () -> HIGHEST).toMillis())
          .as("highest wait after %d failed attempts", failed)
          .isBetween(range[1] - 1, range[1]);
    }
  }

  @Test
  void aThrottledBackOffStartsAt500msAndHasTheSameCap() {
    assertThat(RetryPolicy.DEFAULT.backoff(1, true, () -> 0)).isEqualTo(Duration.ofMillis(250));
    assertThat(RetryPolicy.DEFAULT.backoff(1, true, () -> HIGHEST).toMillis())
        .isBetween(499L, 500L);
    assertThat(RetryPolicy.DEFAULT.backoff(5, true, () -> 0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(RetryPolicy.DEFAULT.backoff(6, true, () -> 0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryPolicy.DEFAULT.backoff(60, true, () -> HIGHEST).toMillis())
        .isBetween(9_999L, 10_000L);
  }
}
