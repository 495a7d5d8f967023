package io.loglake.producer;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces sends to a steady rate: permit {@code i} (from 0) is due at {@code start + i / rate}, and
 * {@link #acquire} waits until the next one is due. A caller that falls behind (a sink backing off)
 * catches up by at most one second's worth of permits, and those come spread out, one between each
 * two regular ones (twice the rate until caught up), never back to back: a stall is not followed by
 * a burst. A rate of 0 means no pacing. Not thread-safe.
 */
public final class RateLimiter {
  private static final long CATCH_UP_NANOS = 1_000_000_000L;

  /**
   * How far the catch-up schedule may lag the clock. A real sleep lasts at least about this long,
   * so above ~2,000 permits a second the permits due during one sleep go together; below, this
   * slack only shaves a millisecond off a catch-up gap.
   */
  private static final long SLEEP_GRANULARITY_NANOS = 1_000_000L;

  /** The longest sleep between two runs of the caller's idle work. */
  private static final long IDLE_SLICE_MILLIS = 100;

  private final double nanosPerPermit;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private boolean started;

  /** When the next permit is due on the steady schedule. */
  private double nextDueNanos;

  /** The earliest the next permit may come: half an interval after the last one's due time. */
  private double earliestNanos;

  /**
   * @param perSecond permits a second; 0 for no limit
   */
  public RateLimiter(double perSecond, LongSupplier nanoClock, Sleeper sleeper) {
    if (!Double.isFinite(perSecond) || perSecond < 0) {
      throw new IllegalArgumentException("the rate must be 0 or more, got " + perSecond);
    }
    this.nanosPerPermit = perSecond == 0 ? 0 : 1e9 / perSecond;
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
  }

  public static RateLimiter perSecond(double perSecond) {
    return new RateLimiter(perSecond, System::nanoTime, Sleeper.SYSTEM);
  }

  public boolean unlimited() {
    return nanosPerPermit == 0;
  }

  /** Waits until the next permit is due (returns at once when unlimited or interrupted). */
  public void acquire() {
    acquire(() -> {});
  }

  /**
   * {@link #acquire()}, running {@code whileWaiting} at least every {@value #IDLE_SLICE_MILLIS} ms
   * of a wait (and not at all when the permit is due at once).
   */
  public void acquire(Runnable whileWaiting) {
    if (unlimited()) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (!started) {
      started = true;
      nextDueNanos = now;
      earliestNanos = now;
    }
    if (now - nextDueNanos > CATCH_UP_NANOS) {
      nextDueNanos = now - CATCH_UP_NANOS;
    }
    if (now - earliestNanos > SLEEP_GRANULARITY_NANOS) {
      earliestNanos = now - SLEEP_GRANULARITY_NANOS;
    }
    double due = Math.max(nextDueNanos, earliestNanos);
    long wait = (long) (due - now);
    while (wait > 0 && !Thread.currentThread().isInterrupted()) {
      long slice = Math.min(wait, IDLE_SLICE_MILLIS * 1_000_000L);
      sleeper.sleep(Duration.ofNanos(slice));
      whileWaiting.run();
      wait = (long) (due - nanoClock.getAsLong());
    }
    nextDueNanos += nanosPerPermit;
    earliestNanos = due + nanosPerPermit / 2;
  }
}
