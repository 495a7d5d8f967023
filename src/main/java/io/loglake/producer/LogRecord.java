package io.loglake.producer;

import java.time.Instant;

/**
 * One log record as a sink receives it.
 *
 * @param eventTimeMillis the record's event time ({@code timestamp} field), epoch milliseconds UTC
 * @param json the record as one JSON object on a single line, without a line terminator
 */
public record LogRecord(long eventTimeMillis, String json) {
  public LogRecord {
    if (json == null) {
      throw new IllegalArgumentException("a record needs its JSON text");
    }
  }

  public Instant eventTime() {
    return Instant.ofEpochMilli(eventTimeMillis);
  }
}
