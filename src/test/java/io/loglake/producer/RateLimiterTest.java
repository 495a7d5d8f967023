package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
  void aStallIsCaughtUpByAtMostOneSecondOfPermits() {
    RateLimiter limiter = new RateLimiter(10, now::get, advance);
    limiter.acquire();
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    long afterStall = now.get();

    for (int i = 0; i < 11; i++) {
      limiter.acquire();
    }
    assertThat(now.get()).as("a second's worth (10) goes at once, then pacing").isEqualTo(afterStall);
    limiter.acquire();
    assertThat(now.get() - afterStall).isEqualTo(Duration.ofMillis(100).toNanos());
  }

  @Test
  void zeroMeansUnlimitedAndNegativeIsRefused() {
    RateLimiter limiter =
        new RateLimiter(0, now::get, duration -> {
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
