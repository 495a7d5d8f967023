package io.loglake.schema;

/** Why a record was set aside in the quarantine instead of being written to the curated zone. */
public enum QuarantineReason {
  /** The text is not valid JSON (or holds trailing garbage after the object). */
  MALFORMED_JSON,
  /** Valid JSON, but not an object (an array, a string, a number). */
  NOT_AN_OBJECT,
  /** A known field holds an object or an array instead of a scalar. */
  BAD_FIELD_TYPE,
  /** No {@code timestamp} field, or it is null or blank. */
  MISSING_TIMESTAMP,
  /** A {@code timestamp} in none of the accepted forms, or not a real date and time. */
  BAD_TIMESTAMP,
  /** No {@code level} field, or it is null or blank. */
  MISSING_LEVEL,
  /** A line (or one object of a line) longer than the reader's limit; {@code raw} is its first KiB. */
  LINE_TOO_LONG;

  /** The name used in the quarantine files and the run report, e.g. {@code malformed_json}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
