package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Sleeper advance = duration -> now.addAndGet(duration.toNanos());

  @Test
  void permitsComeAtTheRateOnAFakeClock() {
    RateLimiter limiter = new RateLimiter(50, now::get, advance);
    long started = now.get();

    for (int i = 0; i < 500; i++) {
      limiter.acquire();
    }

    // 500 permits at 50/s: the first at once, the last 499/50 s later.
    assertThat(now.get() - started).isEqualTo(Duration.ofMillis(9_980).toNanos());
  }

  @Test
  void aFractionalRateIsKeptExactlyOverTime() {
    RateLimiter limiter = new RateLimiter(3, now::get, advance);
    long started = now.get();
    for (int i = 0; i < 31; i++) {
      limiter.acquire();
    }
    assertThat(now.get() - started).isBetween(9_999_999_000L, 10_000_001_000L);
  }

  @Test
  void aStallIsCaughtUpByAtMostOneSecondOfPermitsSpreadOutNotInABurst() {
    RateLimiter limiter = new RateLimiter(10, now::get, advance);
    limiter.acquire();
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    long afterStall = now.get();

    List<Long> grants = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      limiter.acquire();
      grants.add(now.get());
    }

    // 10/s: permits 100 ms apart; the 5 s stall lost 49 of them, of which one second's worth (10)
    // is made up. So 40 permits take 29 intervals of the rate (40 - 10 - 1), 2.9 s, give or take
    // the limiter's 1 ms of slack per catch-up permit...
    long took = grants.get(39) - afterStall;
    assertThat(took)
        .isBetween(Duration.ofMillis(2_890).toNanos(), Duration.ofMillis(2_900).toNanos());
    // ...and the catch-up is spread at the rate on top of it (every 50 ms), never back to back.
    for (int i = 1; i < grants.size(); i++) {
      assertThat(grants.get(i) - grants.get(i - 1))
          .as("gap before permit %d after the stall", i)
          .isGreaterThanOrEqualTo(Duration.ofMillis(49).toNanos());
    }
    for (int i = 30; i < grants.size(); i++) {
      assertThat(grants.get(i) - grants.get(i - 1))
          .as("gap before permit %d, caught up", i)
          .isEqualTo(Duration.ofMillis(100).toNanos());
    }
  }

  @Test
  void aHighRateIsNotHeldToOnePermitPerSleep() {
    // A real sleep lasts at least a millisecond: at 100,000/s the limiter must hand out the
    // permits due meanwhile instead of sleeping once per permit.
    Sleeper coarse = duration -> now.addAndGet(Math.max(duration.toNanos(), 1_000_000L));
    RateLimiter limiter = new RateLimiter(100_000, now::get, coarse);
    long started = now.get();
    for (int i = 0; i < 100_000; i++) {
      limiter.acquire();
    }
    assertThat(now.get() - started)
        .isBetween(Duration.ofMillis(990).toNanos(), Duration.ofMillis(1_010).toNanos());
  }

  @Test
  void zeroMeansUnlimitedAndNegativeIsRefused() {
    RateLimiter limiter =
        new RateLimiter(
            0,
            now::get,
            duration -> {
              throw new AssertionError("an unlimited limiter slept");
            });
    for (int i = 0; i < 1_000; i++) {
      limiter.acquire();
    }
    assertThat(limiter.unlimited()).isTrue();
    assertThatThrownBy(() -> RateLimiter.perSecond(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 or more");
  }
}
