package io.loglake.transform;

import io.loglake.schema.QuarantineReason;

/**
 * What {@link RecordParser} made of one raw JSON object: a record for the curated zone, a record
 * filtered out by level, or a record for the quarantine with its reason.
 */
public final class ParsedRecord {
  /** Where a record goes. */
  public enum Outcome {
    CURATED,
    FILTERED,
    QUARANTINED
  }

  private static final ParsedRecord FILTERED = new ParsedRecord(Outcome.FILTERED, null, null, null);

  final Outcome outcome;
  final QuarantineReason reason;
  final String raw;
  final String rawBase64;
  String timestamp;
  String level;
  String service;
  String message;
  String userId;
  String ip;
  String eventId;
  long tsMicros;

  private ParsedRecord(Outcome outcome, QuarantineReason reason, String raw, String rawBase64) {
    this.outcome = outcome;
    this.reason = reason;
    this.raw = raw;
    this.rawBase64 = rawBase64;
  }

  static ParsedRecord filtered() {
    return FILTERED;
  }

  static ParsedRecord quarantined(QuarantineReason reason, String raw) {
    return new ParsedRecord(Outcome.QUARANTINED, reason, raw, null);
  }

  static ParsedRecord quarantined(QuarantineReason reason, String raw, String rawBase64) {
    return new ParsedRecord(Outcome.QUARANTINED, reason, raw, rawBase64);
  }

  static ParsedRecord curated() {
    return new ParsedRecord(Outcome.CURATED, null, null, null);
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The reason of a quarantined record, else null. */
  public QuarantineReason reason() {
    return reason;
  }

  /**
   * The object's text as read, for a quarantined record; else null. Lossless unless the bytes were
   * not valid UTF-8, where each bad sequence reads U+FFFD and {@link #rawBase64()} holds the bytes.
   */
  public String raw() {
    return raw;
  }

  /**
   * The object's original bytes in base64, for a record quarantined as {@code invalid_utf8}; else
   * null.
   */
  public String rawBase64() {
    return rawBase64;
  }

  public String timestamp() {
    return timestamp;
  }

  public String level() {
    return level;
  }

  public String service() {
    return service;
  }

  public String message() {
    return message;
  }

  public String userId() {
    return userId;
  }

  public String ip() {
    return ip;
  }

  public String eventId() {
    return eventId;
  }

  /** The parsed instant in epoch microseconds (UTC); meaningful for curated records only. */
  public long tsMicros() {
    return tsMicros;
  }

  public int utcEpochDay() {
    return TimestampParser.utcEpochDay(tsMicros);
  }

  public int utcHour() {
    return TimestampParser.utcHour(tsMicros);
  }

  /**
   * The identity used to drop duplicates: the {@code event_id} when present, otherwise the whole
   * content (all stored fields, level normalised), encoded without ambiguity.
   */
  public String dedupeKey() {
    return dedupeKey(eventId, timestamp, level, service, message, userId, ip);
  }

  /**
   * {@link #dedupeKey()} of the record with these stored fields: the same key recomputed from a
   * curated row's columns, so that rows already in the curated table need no stored key.
   */
  public static String dedupeKey(
      String eventId,
      String timestamp,
      String level,
      String service,
      String message,
      String userId,
      String ip) {
    if (eventId != null && !eventId.isBlank()) {
      return "e:" + eventId;
    }
    StringBuilder key = new StringBuilder(160).append("c:");
    for (String field : new String[] {timestamp, level, service, message, userId, ip}) {
      if (field == null) {
        key.append("-;");
      } else {
        key.append(field.length()).append(':').append(field).append(';');
      }
    }
    return key.toString();
  }
}
