package io.loglake.schema;

/**
 * Why a record was set aside in the quarantine instead of being written to the curated zone. The
 * parser checks them in this order and gives the first that applies; a record whose level is not
 * wanted is filtered out after {@link #MISSING_LEVEL} and before the timestamp checks.
 */
public enum QuarantineReason {
  /**
   * The bytes are not well-formed UTF-8 (which JSON requires). The quarantine keeps the original
   * bytes in {@code raw_base64} beside a readable {@code raw}.
   */
  INVALID_UTF8,
  /** The text is not valid JSON (or holds trailing garbage after the object). */
  MALFORMED_JSON,
  /** Valid JSON, but not an object (an array, a string, a number). */
  NOT_AN_OBJECT,
  /**
   * A field of the raw schema appears twice (keys compared after unescaping), so its value is
   * ambiguous.
   */
  DUPLICATE_KEY,
  /** A known field holds an object or an array instead of a scalar. */
  BAD_FIELD_TYPE,
  /** No {@code level} field, or it is null or blank. */
  MISSING_LEVEL,
  /** No {@code timestamp} field, or it is null or blank. */
  MISSING_TIMESTAMP,
  /** A {@code timestamp} in none of the accepted forms, or not a real date and time. */
  BAD_TIMESTAMP,
  /**
   * A valid {@code timestamp} outside the accepted event-time range ({@code --event-time-range}).
   */
  TIMESTAMP_OUT_OF_RANGE,
  /**
   * A line (or one object of a line) longer than the reader's limit; {@code raw} is its first KiB.
   */
  LINE_TOO_LONG;

  /** The name used in the quarantine files and the run report, e.g. {@code malformed_json}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
