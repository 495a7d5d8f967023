package io.loglake.transform;

import io.loglake.schema.LogSchema;
import java.nio.charset.StandardCharsets;

/**
 * Reads a one-object JSON line from its UTF-8 bytes without decoding it or building a parser, when
 * the line is simple enough to be sure of what the full parse would see: after an optional byte
 * order mark and blanks, exactly one valid JSON object ({@link JsonScanner}) and nothing but blanks
 * after it; well-formed UTF-8 ({@link Utf8}); every value a scalar (no nested object or array); no
 * key holding a backslash; no field of {@link LogSchema#RAW_FIELDS} twice. Such a line is
 * <em>simple</em>; its {@link #level()} is known when the {@code level} value is a string without
 * escapes.
 *
 * <p>Contract: for a simple line, {@link RecordParser}'s full parse gives one record, for the bytes
 * {@code [objectStart, objectEnd)}; none of the reasons it checks before the level (invalid UTF-8,
 * malformed JSON, duplicate key, bad field type) applies, and the key bytes {@code level} are the
 * only spelling of that key without escapes, so a known level that is not wanted is filtered by the
 * full parse too. {@code RecordParserPropertyTest} checks this on random and mutated lines.
 *
 * <p>Mutable and reused (one per parser), so that peeking allocates nothing but the level.
 */
final class LevelPeek {
  private static final byte[][] KNOWN_KEYS =
      LogSchema.RAW_FIELDS.stream()
          .map(name -> name.getBytes(StandardCharsets.US_ASCII))
          .toArray(byte[][]::new);
  private static final int LEVEL = LogSchema.RAW_FIELDS.indexOf(LogSchema.LEVEL);

  private String level;
  private int objectStart;
  private int objectEnd;

  /** The normalised level of a simple line, or null when that line has none or not plainly. */
  String level() {
    return level;
  }

  int objectStart() {
    return objectStart;
  }

  int objectEnd() {
    return objectEnd;
  }

  /** The normalised level of a simple line {@code line}, or null; for tests. */
  static String peek(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return peek(bytes, 0, bytes.length);
  }

  /** The normalised level of a simple line {@code b[start, end)}, or null; for tests. */
  static String peek(byte[] b, int start, int end) {
    LevelPeek peek = new LevelPeek();
    return peek.read(b, start, end) ? peek.level() : null;
  }

  /**
   * Whether the line {@code b[start, end)} is simple; if so, sets the level and the object's span.
   */
  boolean read(byte[] b, int start, int end) {
    level = null;
    int i = JsonScanner.skipBlanks(b, RecordParser.skipByteOrderMark(b, start, end), end);
    if (i >= end || b[i] != '{') {
      return false;
    }
    int open = i;
    int seen = 0;
    int levelStart = -1;
    int levelEnd = -1;
    i = JsonScanner.skipBlanks(b, i + 1, end);
    if (i < end && b[i] == '}') {
      return finish(b, start, end, open, i, -1, -1);
    }
    while (true) {
      if (i >= end || b[i] != '"') {
        return false;
      }
      int keyEnd = JsonScanner.plainString(b, i, end);
      if (keyEnd < 0) {
        return false;
      }
      int field = knownField(b, i + 1, keyEnd - 1);
      if (field >= 0) {
        if ((seen & (1 << field)) != 0) {
          return false;
        }
        seen |= 1 << field;
      }
      i = JsonScanner.skipBlanks(b, keyEnd, end);
      if (i >= end || b[i] != ':') {
        return false;
      }
      i = JsonScanner.skipBlanks(b, i + 1, end);
      if (i >= end || b[i] == '{' || b[i] == '[') {
        return false;
      }
      int valueEnd = -1;
      if (field == LEVEL && b[i] == '"') {
        valueEnd = JsonScanner.plainString(b, i, end);
        if (valueEnd >= 0) {
          levelStart = i + 1;
          levelEnd = valueEnd - 1;
        }
      }
      if (valueEnd < 0) {
        valueEnd = JsonScanner.scalar(b, i, end);
        if (valueEnd < 0) {
          return false;
        }
      }
      i = JsonScanner.skipBlanks(b, valueEnd, end);
      if (i >= end) {
        return false;
      }
      if (b[i] == '}') {
        return finish(b, start, end, open, i, levelStart, levelEnd);
      }
      if (b[i] != ',') {
        return false;
      }
      i = JsonScanner.skipBlanks(b, i + 1, end);
    }
  }

  /**
   * Checks what follows the object's closing brace at {@code close} and the UTF-8; sets the
   * results.
   */
  private boolean finish(
      byte[] b, int start, int end, int open, int close, int levelStart, int levelEnd) {
    if (JsonScanner.skipBlanks(b, close + 1, end) != end || !Utf8.isValid(b, start, end)) {
      return false;
    }
    objectStart = open;
    objectEnd = close + 1;
    if (levelStart >= 0) {
      level =
          LevelNormalizer.normalize(
              new String(b, levelStart, levelEnd - levelStart, StandardCharsets.UTF_8));
    }
    return true;
  }

  /** The index in {@link LogSchema#RAW_FIELDS} of the key {@code b[from, to)}, or -1. */
  private static int knownField(byte[] b, int from, int to) {
    outer:
    for (int f = 0; f < KNOWN_KEYS.length; f++) {
      byte[] key = KNOWN_KEYS[f];
      if (key.length != to - from) {
        continue;
      }
      for (int k = 0; k < key.length; k++) {
        if (b[from + k] != key[k]) {
          continue outer;
        }
      }
      return f;
    }
    return -1;
  }
}
