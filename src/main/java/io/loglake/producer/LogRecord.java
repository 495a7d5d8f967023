package io.loglake.producer;

import java.time.Instant;

/**
 * One log record as a sink receives it.
 *
 * @param eventTimeMillis the record's event time ({@code timestamp} field), epoch milliseconds UTC
 * @param json the record as one JSON object on a single line, without a line terminator (or, for a
 *     record made malformed on purpose, a broken line)
 * @param service the service that logged it (the Kafka key); null when unknown
 * @param scheduledMillis when the record is due to be sent, epoch milliseconds UTC: its event time,
 *     except for a record made late on purpose, whose event time is earlier
 */
public record LogRecord(long eventTimeMillis, String json, String service, long scheduledMillis) {
  public LogRecord {
    if (json == null) {
      throw new IllegalArgumentException("a record needs its JSON text");
    }
  }

  /** A record of no known service, due at its event time. */
  public LogRecord(long eventTimeMillis, String json) {
    this(eventTimeMillis, json, null, eventTimeMillis);
  }

  public Instant eventTime() {
    return Instant.ofEpochMilli(eventTimeMillis);
  }

  /** This record with other JSON text and event time, due at the same time. */
  LogRecord withJson(long newEventTimeMillis, String newJson) {
    return new LogRecord(newEventTimeMillis, newJson, service, scheduledMillis);
  }
}
