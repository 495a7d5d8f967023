package io.loglake.transform;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no surrogates,
 * nothing above U+10FFFF), exactly the bytes that Java's UTF-8 decoder reads without replacing
 * anything by U+FFFD.
 */
final class Utf8 {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** Whether {@code b[start, end)} is well-formed UTF-8. */
  static boolean isValid(byte[] b, int start, int end) {
    int i = start;
    // Log lines are mostly ASCII: skip it eight bytes at a time.
    while (i + 8 <= end && (((long) LONGS.get(b, i)) & HIGH_BITS) == 0) {
      i += 8;
    }
    while (i < end) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      if (c < 0xC2 || c > 0xF4) {
        return false;
      }
      if (c < 0xE0) {
        if (i + 1 >= end || !continuation(b[i + 1])) {
          return false;
        }
        i += 2;
      } else if (c < 0xF0) {
        if (i + 2 >= end) {
          return false;
        }
        int second = b[i + 1] & 0xFF;
        int low = c == 0xE0 ? 0xA0 : 0x80;
        int high = c == 0xED ? 0x9F : 0xBF;
        if (second < low || second > high || !continuation(b[i + 2])) {
          return false;
        }
        i += 3;
      } else {
        if (i + 3 >= end) {
          return false;
        }
        int second = b[i + 1] & 0xFF;
        int low = c == 0xF0 ? 0x90 : 0x80;
        int high = c == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
          return false;
        }
        i += 4;
      }
    }
    return true;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
