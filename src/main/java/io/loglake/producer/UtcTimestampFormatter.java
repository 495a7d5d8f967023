package io.loglake.producer;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats epoch milliseconds as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, re-deriving the date and
 * time only when the second changes (generated records come many to a second). Not thread-safe.
 * Years 0–9999 only.
 */
final class UtcTimestampFormatter {
  private final char[] secondPrefix = new char[20];
  private long cachedSecond = Long.MIN_VALUE;

  void append(StringBuilder out, long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    int millis = Math.floorMod(epochMillis, 1000);
    if (second != cachedSecond) {
      fillSecondPrefix(second);
      cachedSecond = second;
    }
    out.append(secondPrefix)
        .append((char) ('0' + millis / 100))
        .append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10))
        .append('Z');
  }

  private void fillSecondPrefix(long epochSecond) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    digits(time.getYear(), 0, 4);
    secondPrefix[4] = '-';
    digits(time.getMonthValue(), 5, 2);
    secondPrefix[7] = '-';
    digits(time.getDayOfMonth(), 8, 2);
    secondPrefix[10] = 'T';
    digits(time.getHour(), 11, 2);
    secondPrefix[13] = ':';
    digits(time.getMinute(), 14, 2);
    secondPrefix[16] = ':';
    digits(time.getSecond(), 17, 2);
    secondPrefix[19] = '.';
  }

  private void digits(int value, int offset, int width) {
    for (int i = offset + width - 1; i >= offset; i--) {
      secondPrefix[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
