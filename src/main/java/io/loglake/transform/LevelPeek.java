package io.loglake.transform;

/**
 * Reads the {@code level} of a one-object JSON line without parsing it, when that can be done
 * without doubt: the line is a single flat object (its only {@code '{'} is the first character),
 * the key {@code "level"} appears exactly once, is not escaped, and its value is a plain string
 * (no backslash). Otherwise it answers null and the caller parses the line in full.
 *
 * <p>Used only to drop records whose level is not wanted, before the full parse: where it answers,
 * it gives the level the parser would read (a flat object's only {@code "level"} key followed by a
 * colon is its top-level level field).
 */
final class LevelPeek {
  private static final String KEY = "\"level\"";

  private LevelPeek() {}

  /** The normalised level of {@code line}, or null when it cannot be read with certainty. */
  static String peek(String line) {
    int open = firstNonBlank(line);
    if (open < 0 || line.charAt(open) != '{' || line.indexOf('{', open + 1) >= 0) {
      return null;
    }
    int key = line.indexOf(KEY, open);
    if (key < 0 || line.charAt(key - 1) == '\\' || line.indexOf(KEY, key + KEY.length()) >= 0) {
      return null;
    }
    int i = skipBlanks(line, key + KEY.length());
    if (i >= line.length() || line.charAt(i) != ':') {
      return null;
    }
    i = skipBlanks(line, i + 1);
    if (i >= line.length() || line.charAt(i) != '"') {
      return null;
    }
    int end = line.indexOf('"', i + 1);
    if (end < 0 || line.lastIndexOf('\\', end) > i) {
      return null;
    }
    return LevelNormalizer.normalize(line.substring(i + 1, end));
  }

  private static int firstNonBlank(String line) {
    int i = skipBlanks(line, 0);
    return i < line.length() ? i : -1;
  }

  private static int skipBlanks(String line, int from) {
    int i = from;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }
}
