package io.loglake.producer;

import java.time.Clock;

/**
 * When a record arrives at a sink — what Firehose-style buffering and object naming go by. For
 * generated data the arrival time is the record's scheduled time (its event time, except for
 * records made late on purpose, which arrive on time with an old timestamp), so output does not
 * depend on how fast the machine is; a real-time producer uses the wall clock.
 */
@FunctionalInterface
public interface ArrivalClock {
  /** The arrival time of {@code record}, epoch milliseconds UTC. */
  long arrivalMillis(LogRecord record);

  /** Records arrive at their scheduled time ({@link LogRecord#scheduledMillis}). */
  static ArrivalClock eventTime() {
    return LogRecord::scheduledMillis;
  }

  /** Records arrive when they are sent, as {@code clock} tells. */
  static ArrivalClock of(Clock clock) {
    return record -> clock.millis();
  }
}
