package io.loglake.transform;

/**
 * Byte-level JSON grammar checks (RFC 8259, as strict as Jackson's defaults: no comments, single
 * quotes, leading zeros, NaN, trailing commas or unescaped control characters), without decoding or
 * allocating. Non-ASCII bytes are accepted inside strings only; whether they are well-formed UTF-8
 * is {@link Utf8}'s question.
 *
 * <p>Each method takes the index of the first byte of a token and returns the index just past it,
 * or, when the bytes cannot be that token, {@code ~p} (a negative number) where {@code p} is the
 * index of the first byte that cannot continue it ({@code end} when the input stops first).
 */
final class JsonScanner {
  private static final byte OBJECT = 1;
  private static final byte ARRAY = 2;

  /**
   * The bytes that end a run of plain string content: the quote, the backslash, control characters.
   */
  private static final boolean[] STRING_SPECIAL = new boolean[256];

  static {
    for (int c = 0; c < 0x20; c++) {
      STRING_SPECIAL[c] = true;
    }
    STRING_SPECIAL['"'] = true;
    STRING_SPECIAL['\\'] = true;
  }

  private JsonScanner() {}

  /** The first index at or after {@code from} that is not JSON white space (space, tab, CR, LF). */
  static int skipBlanks(byte[] b, int from, int end) {
    int i = from;
    while (i < end && isBlank(b[i])) {
      i++;
    }
    return i;
  }

  static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** One complete value starting at {@code b[i]} (no leading blanks), nested to any depth. */
  static int value(byte[] b, int i, int end) {
    byte[] stack = new byte[16];
    int depth = 0;
    boolean wantValue = true;
    while (true) {
      if (wantValue) {
        if (i >= end) {
          return ~end;
        }
        byte c = b[i];
        if (c == '{' || c == '[') {
          if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
          }
          stack[depth++] = c == '{' ? OBJECT : ARRAY;
          i = skipBlanks(b, i + 1, end);
          if (i < end && b[i] == (c == '{' ? '}' : ']')) {
            depth--;
            i++;
            wantValue = false;
          } else if (c == '{') {
            i = memberName(b, i, end);
            if (i < 0) {
              return i;
            }
          }
          continue;
        }
        i = scalar(b, i, end);
        if (i < 0) {
          return i;
        }
        wantValue = false;
      }
      if (depth == 0) {
        return i;
      }
      i = skipBlanks(b, i, end);
      if (i >= end) {
        return ~end;
      }
      byte c = b[i];
      boolean inObject = stack[depth - 1] == OBJECT;
      if (c == ',') {
        i = skipBlanks(b, i + 1, end);
        if (inObject) {
          i = memberName(b, i, end);
          if (i < 0) {
            return i;
          }
        }
        wantValue = true;
      } else if (c == (inObject ? '}' : ']')) {
        depth--;
        i++;
      } else {
        return ~i;
      }
    }
  }

  /** A member's {@code "name" :} and the blanks after it, up to where its value starts. */
  private static int memberName(byte[] b, int i, int end) {
    if (i >= end || b[i] != '"') {
      return ~i;
    }
    i = string(b, i, end);
    if (i < 0) {
      return i;
    }
    i = skipBlanks(b, i, end);
    if (i >= end || b[i] != ':') {
      return ~i;
    }
    return skipBlanks(b, i + 1, end);
  }

  /** A string, a number, {@code true}, {@code false} or {@code null}. */
  static int scalar(byte[] b, int i, int end) {
    if (i >= end) {
      return ~end;
    }
    byte c = b[i];
    if (c == '"') {
      return string(b, i, end);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number(b, i, end);
    }
    if (c == 't') {
      return literal(b, i, end, "true");
    }
    if (c == 'f') {
      return literal(b, i, end, "false");
    }
    if (c == 'n') {
      return literal(b, i, end, "null");
    }
    return ~i;
  }

  /** A string starting at the quote {@code b[i]}. */
  static int string(byte[] b, int i, int end) {
    int j = i + 1;
    while (j < end) {
      byte c = b[j];
      if (!STRING_SPECIAL[c & 0xFF]) {
        j++;
      } else if (c == '"') {
        return j + 1;
      } else if (c != '\\') {
        return ~j;
      } else {
        if (j + 1 >= end) {
          return ~end;
        }
        byte escaped = b[j + 1];
        if (escaped == 'u') {
          for (int k = j + 2; k < j + 6; k++) {
            if (k >= end) {
              return ~end;
            }
            if (!isHexDigit(b[k])) {
              return ~k;
            }
          }
          j += 6;
        } else if (escaped == '"'
            || escaped == '\\'
            || escaped == '/'
            || escaped == 'b'
            || escaped == 'f'
            || escaped == 'n'
            || escaped == 'r'
            || escaped == 't') {
          j += 2;
        } else {
          return ~(j + 1);
        }
      }
    }
    return ~end;
  }

  /**
   * A string without escapes starting at the quote {@code b[i]}; {@code ~p} also when {@code b[p]}
   * is a backslash (the string may still be valid: check with {@link #string}).
   */
  static int plainString(byte[] b, int i, int end) {
    int j = i + 1;
    while (j < end) {
      byte c = b[j];
      if (!STRING_SPECIAL[c & 0xFF]) {
        j++;
      } else if (c == '"') {
        return j + 1;
      } else {
        return ~j;
      }
    }
    return ~end;
  }

  private static int number(byte[] b, int i, int end) {
    int j = i;
    if (b[j] == '-') {
      j++;
    }
    if (j >= end) {
      return ~end;
    }
    if (b[j] == '0') {
      j++;
    } else if (isDigit(b[j])) {
      j = digits(b, j, end);
    } else {
      return ~j;
    }
    if (j < end && b[j] == '.') {
      j++;
      if (j >= end || !isDigit(b[j])) {
        return ~j;
      }
      j = digits(b, j, end);
    }
    if (j < end && (b[j] == 'e' || b[j] == 'E')) {
      j++;
      if (j < end && (b[j] == '+' || b[j] == '-')) {
        j++;
      }
      if (j >= end || !isDigit(b[j])) {
        return ~j;
      }
      j = digits(b, j, end);
    }
    return j;
  }

  private static int digits(byte[] b, int j, int end) {
    while (j < end && isDigit(b[j])) {
      j++;
    }
    return j;
  }

  private static int literal(byte[] b, int i, int end, String word) {
    for (int k = 0; k < word.length(); k++) {
      if (i + k >= end) {
        return ~end;
      }
      if (b[i + k] != word.charAt(k)) {
        return ~(i + k);
      }
    }
    return i + word.length();
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(byte c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
