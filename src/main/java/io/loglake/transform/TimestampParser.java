package io.loglake.transform;

/**
 * Parses the raw {@code timestamp} field to an instant, without regular expressions or allocation.
 *
 * <p>Accepted: {@code YYYY-MM-DD(T| )HH:MM:SS[.fraction of 1–9 digits]} followed by {@code Z},
 * {@code ±HH:MM}, {@code ±HHMM} or nothing (nothing means UTC). Surrounding white space is ignored.
 * The date and time must exist (no 30 February, no hour 24); offsets are at most ±18:00. Digits
 * beyond microseconds are truncated, as Spark's timestamps hold microseconds.
 */
public final class TimestampParser {
  /** Returned by {@link #parseMicros} when the text is not an accepted timestamp. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final int SECONDS_PER_DAY = 86_400;

  private TimestampParser() {}

  /** Microseconds since the epoch (UTC) of {@code text}, or {@link #INVALID}. */
  public static long parseMicros(CharSequence text) {
    if (text == null) {
      return INVALID;
    }
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end - start < 19) {
      return INVALID;
    }
    int year = digits(text, start, 4);
    int month = digits(text, start + 5, 2);
    int day = digits(text, start + 8, 2);
    int hour = digits(text, start + 11, 2);
    int minute = digits(text, start + 14, 2);
    int second = digits(text, start + 17, 2);
    char dateTimeSeparator = text.charAt(start + 10);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || text.charAt(start + 4) != '-'
        || text.charAt(start + 7) != '-'
        || (dateTimeSeparator != 'T' && dateTimeSeparator != ' ')
        || text.charAt(start + 13) != ':'
        || text.charAt(start + 16) != ':') {
      return INVALID;
    }
    int pos = start + 19;
    long fractionMicros = 0;
    if (pos < end && text.charAt(pos) == '.') {
      pos++;
      int fractionStart = pos;
      long scale = 100_000;
      while (pos < end && isDigit(text.charAt(pos))) {
        if (pos - fractionStart >= 9) {
          return INVALID;
        }
        fractionMicros += (text.charAt(pos) - '0') * scale;
        scale /= 10;
        pos++;
      }
      if (pos == fractionStart) {
        return INVALID;
      }
    }
    int offsetSeconds = 0;
    if (pos < end) {
      char zone = text.charAt(pos);
      if (zone == 'Z') {
        pos++;
      } else if (zone == '+' || zone == '-') {
        int offsetHour = digits(text, pos + 1, 2, end);
        int minuteAt = pos + 3;
        if (minuteAt < end && text.charAt(minuteAt) == ':') {
          minuteAt++;
        }
        int offsetMinute = digits(text, minuteAt, 2, end);
        if (offsetHour < 0
            || offsetMinute < 0
            || offsetMinute > 59
            || offsetHour * 60 + offsetMinute > 18 * 60) {
          return INVALID;
        }
        offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (zone == '-' ? -1 : 1);
        pos = minuteAt + 2;
      } else {
        return INVALID;
      }
    }
    if (pos != end) {
      return INVALID;
    }
    long epochSeconds =
        epochDay(year, month, day) * SECONDS_PER_DAY
            + hour * 3600L
            + minute * 60L
            + second
            - offsetSeconds;
    return epochSeconds * MICROS_PER_SECOND + fractionMicros;
  }

  /** The UTC day (days since 1970-01-01) of an instant in epoch microseconds. */
  public static int utcEpochDay(long epochMicros) {
    return (int) Math.floorDiv(epochMicros, MICROS_PER_SECOND * SECONDS_PER_DAY);
  }

  /** The UTC hour (0–23) of an instant in epoch microseconds. */
  public static int utcHour(long epochMicros) {
    return (int)
        (Math.floorMod(epochMicros, MICROS_PER_SECOND * SECONDS_PER_DAY)
            / (MICROS_PER_SECOND * 3600));
  }

  private static int digits(CharSequence text, int from, int count) {
    return digits(text, from, count, text.length());
  }

  /** The non-negative number in {@code count} digits at {@code from}, or -1. */
  private static int digits(CharSequence text, int from, int count, int end) {
    if (from + count > end) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of java.time.LocalDate). */
  private static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y;
    total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
        total--;
      }
    }
    return total - 719_528;
  }
}
