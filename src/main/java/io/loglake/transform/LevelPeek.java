package io.loglake.transform;

import java.nio.charset.StandardCharsets;

/**
 * Reads the {@code level} of a one-object JSON line from its UTF-8 bytes without parsing or even
 * decoding it, when that can be done without doubt: the line is a single flat object (its only
 * {@code '{'} is the first character after blanks and an optional byte order mark), the key
 * {@code "level"} appears exactly once and is not escaped, and its value is a plain ASCII string
 * (no backslash). Otherwise it answers null and the caller parses the line in full.
 *
 * <p>Used only to drop records whose level is not wanted, before the full parse: where it answers,
 * it gives the level the parser would read (a flat object's only {@code "level"} key followed by a
 * colon is its top-level level field).
 */
final class LevelPeek {
  private static final byte[] KEY = "\"level\"".getBytes(StandardCharsets.US_ASCII);

  private LevelPeek() {}

  /** {@link #peek(byte[], int, int)} of a string, for tests and callers that hold text. */
  static String peek(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return peek(bytes, 0, bytes.length);
  }

  /** The normalised level of the line {@code b[start, end)}, or null when in doubt. */
  static String peek(byte[] b, int start, int end) {
    int open = start;
    if (end - open >= 3 && b[open] == (byte) 0xEF && b[open + 1] == (byte) 0xBB && b[open + 2] == (byte) 0xBF) {
      open += 3;
    }
    open = skipBlanks(b, open, end);
    if (open >= end || b[open] != '{' || indexOf(b, (byte) '{', open + 1, end) >= 0) {
      return null;
    }
    int key = indexOf(b, KEY, open, end);
    if (key < 0 || b[key - 1] == '\\' || indexOf(b, KEY, key + KEY.length, end) >= 0) {
      return null;
    }
    int i = skipBlanks(b, key + KEY.length, end);
    if (i >= end || b[i] != ':') {
      return null;
    }
    i = skipBlanks(b, i + 1, end);
    if (i >= end || b[i] != '"') {
      return null;
    }
    int valueStart = i + 1;
    int valueEnd = valueStart;
    while (valueEnd < end && b[valueEnd] != '"') {
      if (b[valueEnd] == '\\' || b[valueEnd] < 0x20) {
        return null;
      }
      valueEnd++;
    }
    if (valueEnd >= end) {
      return null;
    }
    return LevelNormalizer.normalize(new String(b, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
  }

  /** Skips JSON white space (space, tab, CR, LF). */
  private static int skipBlanks(byte[] b, int from, int end) {
    int i = from;
    while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i;
  }

  private static int indexOf(byte[] b, byte value, int from, int end) {
    for (int i = from; i < end; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] b, byte[] needle, int from, int end) {
    int last = end - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (b[i] != needle[0]) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
