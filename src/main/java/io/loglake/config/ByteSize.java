package io.loglake.config;

import java.util.Locale;

/** Sizes written as {@code 134217728}, {@code 128m}, {@code 128MiB}, {@code 1g}, {@code 512k}. */
public final class ByteSize {
  private ByteSize() {}

  public static long parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
    long unit = 1;
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'k' -> unit = 1L << 10;
        case 'm' -> unit = 1L << 20;
        case 'g' -> unit = 1L << 30;
        default -> unit = 1;
      }
    }
    String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
    try {
      long value = Long.parseLong(digits.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(value, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a size: '" + text + "' (examples: 128m, 1g, 65536)");
    }
  }
}
