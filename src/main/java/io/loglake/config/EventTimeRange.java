package io.loglake.config;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The event times the ETL accepts, {@code [from, to)} in epoch microseconds (UTC); events outside
 * it go to the quarantine as {@code timestamp_out_of_range}. Written {@code FROM/TO}, each end an
 * ISO-8601 instant with an offset ({@code 2000-01-01T00:00Z}, {@code 2000-01-01T01:00:00+01:00}) or
 * a date meaning its midnight in UTC ({@code 2000-01-01}). Both ends lie within years 0001 to 9999
 * (UTC), so that every accepted event has a four-digit {@code dt}.
 */
public record EventTimeRange(long fromMicros, long toMicros) implements Serializable {
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

  /** The default text of {@code --event-time-range}. */
  public static final String DEFAULT_TEXT = "2000-01-01T00:00Z/2100-01-01T00:00Z";

  /** 2000-01-01T00:00Z inclusive to 2100-01-01T00:00Z exclusive. */
  public static final EventTimeRange DEFAULT = parse(DEFAULT_TEXT);

  public EventTimeRange {
    if (fromMicros >= toMicros) {
      throw new IllegalArgumentException("the range is empty: its start must be before its end");
    }
    if (fromMicros < micros(EARLIEST) || toMicros > micros(LATEST)) {
      throw new IllegalArgumentException(
          "the range must lie within 0001-01-01T00:00Z/+10000-01-01T00:00Z");
    }
  }

  /**
   * Parses {@code FROM/TO}; throws {@link IllegalArgumentException} naming the text and the syntax.
   */
  public static EventTimeRange parse(String text) {
    String[] ends = text == null ? new String[0] : text.trim().split("/", -1);
    if (ends.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' is not FROM/TO (example: " + DEFAULT_TEXT + ")");
    }
    long from = micros(instant(ends[0], text));
    long to = micros(instant(ends[1], text));
    try {
      return new EventTimeRange(from, to);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
    }
  }

  /** Whether the instant {@code epochMicros} is in the range. */
  public boolean contains(long epochMicros) {
    return epochMicros >= fromMicros && epochMicros < toMicros;
  }

  /** The range as {@code FROM/TO} in UTC, for messages and reports. */
  @Override
  public String toString() {
    return instantOf(fromMicros) + "/" + instantOf(toMicros);
  }

  private static Instant instant(String end, String text) {
    String trimmed = end.trim();
    try {
      if (trimmed.length() == 10) {
        return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(trimmed).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': '"
              + trimmed
              + "' is neither a date (2000-01-01) nor"
              + " an instant with an offset (2000-01-01T00:00Z)",
          e);
    }
  }

  /**
   * Epoch microseconds, saturated at the ends of a long (far outside any range the constructor
   * accepts).
   */
  private static long micros(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static Instant instantOf(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
