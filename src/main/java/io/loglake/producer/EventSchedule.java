package io.loglake.producer;

import java.time.Duration;
import java.time.Instant;

/**
 * When generated records happen: {@code records} events spread evenly over {@code span} from {@code
 * start}. Record {@code i} (from 0) is at {@code start + floor(i * span / records)} to the
 * millisecond, so the first is at {@code start} and the last before {@code start + span}.
 *
 * @param start the first event time; at or after 1970-01-01T00:00:00Z
 * @param span non-negative; the last event must fall in or before year 9999
 * @param records greater than 0
 */
public record EventSchedule(Instant start, Duration span, long records) {
  /** The seed producer's rate: one record every 200 ms (5 records a second). */
  public static final Duration DEFAULT_SPACING = Duration.ofMillis(200);

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  public EventSchedule {
    if (records <= 0) {
      throw new IllegalArgumentException(
          "the number of records must be greater than 0, got " + records);
    }
    if (start == null || start.isBefore(Instant.EPOCH) || start.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          "the start must be between " + Instant.EPOCH + " and " + LATEST + ", got " + start);
    }
    if (span == null || span.isNegative()) {
      throw new IllegalArgumentException("the span must not be negative, got " + span);
    }
    if (span.compareTo(Duration.between(start, LATEST)) > 0) {
      throw new IllegalArgumentException(
          "the span " + span + " from " + start + " ends after " + LATEST);
    }
  }

  /** {@code records} events at the default spacing: the span is {@code records * 200 ms}. */
  public static EventSchedule atDefaultRate(Instant start, long records) {
    return new EventSchedule(start, defaultSpan(records), records);
  }

  /** {@code records * 200 ms}, the span the seed producer's rate would take. */
  public static Duration defaultSpan(long records) {
    return DEFAULT_SPACING.multipliedBy(records);
  }

  long startMillis() {
    return start.toEpochMilli();
  }

  long spanMillis() {
    return span.toMillis();
  }
}
