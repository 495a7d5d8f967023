package io.loglake.pii;

/**
 * IP address texts, parsed without any name lookup (never {@link java.net.InetAddress}, which
 * resolves a host name): dotted-quad IPv4, and IPv6 in any RFC 4291 spelling (with {@code ::}, a
 * trailing dotted quad, a {@code %zone} suffix, which is dropped).
 */
public final class IpAddresses {
  private IpAddresses() {}

  /**
   * The network of {@code text}: an IPv4 address's /24 ({@code 203.0.113.77} → {@code
   * 203.0.113.0}), an IPv6 address's /48 ({@code 2001:db8:1:2::5} → {@code 2001:db8:1::}), an
   * IPv4-mapped IPv6 address as its IPv4 /24 ({@code ::ffff:203.0.113.77} → {@code 203.0.113.0}).
   * Null for null and for anything else (a host name, {@code 10.0.0.1:8080}, garbage): a value that
   * cannot be truncated is never stored as it came.
   */
  public static String truncate(String text) {
    if (text == null) {
      return null;
    }
    int[] v4 = parseIpv4(text.trim());
    if (v4 != null) {
      return v4[0] + "." + v4[1] + "." + v4[2] + ".0";
    }
    int[] v6 = parseIpv6(text.trim());
    if (v6 == null) {
      return null;
    }
    if (isIpv4Mapped(v6)) {
      return (v6[6] >> 8) + "." + (v6[6] & 0xff) + "." + (v6[7] >> 8) + ".0";
    }
    return formatIpv6(new int[] {v6[0], v6[1], v6[2], 0, 0, 0, 0, 0});
  }

  /**
   * One spelling per address, so that its hash does not depend on how it was written: IPv4 without
   * leading zeros, IPv6 as RFC 5952 writes it (lowercase, no leading zeros, the longest run of zero
   * groups as {@code ::}); null when {@code text} is not an IP address.
   */
  public static String canonical(String text) {
    if (text == null) {
      return null;
    }
    int[] v4 = parseIpv4(text.trim());
    if (v4 != null) {
      return v4[0] + "." + v4[1] + "." + v4[2] + "." + v4[3];
    }
    int[] v6 = parseIpv6(text.trim());
    return v6 == null ? null : formatIpv6(v6);
  }

  /** The four octets of a dotted quad (1-3 decimal digits each, at most 255), else null. */
  static int[] parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3) {
        return null;
      }
      int value = 0;
      for (int c = 0; c < part.length(); c++) {
        char digit = part.charAt(c);
        if (digit < '0' || digit > '9') {
          return null;
        }
        value = value * 10 + (digit - '0');
      }
      if (value > 255) {
        return null;
      }
      octets[i] = value;
    }
    return octets;
  }

  /** The eight 16-bit groups of an IPv6 address, else null. */
  static int[] parseIpv6(String text) {
    int zone = text.indexOf('%');
    String address = zone >= 0 ? text.substring(0, zone) : text;
    if (address.indexOf(':') < 0 || (zone >= 0 && zone == text.length() - 1)) {
      return null;
    }
    int gap = address.indexOf("::");
    if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = groups(gap >= 0 ? address.substring(0, gap) : address, gap < 0);
    int[] tail = gap >= 0 ? groups(address.substring(gap + 2), true) : new int[0];
    if (head == null || tail == null) {
      return null;
    }
    int given = head.length + tail.length;
    if (gap < 0 ? given != 8 : given > 7) {
      return null;
    }
    int[] result = new int[8];
    System.arraycopy(head, 0, result, 0, head.length);
    System.arraycopy(tail, 0, result, 8 - tail.length, tail.length);
    return result;
  }

  /**
   * The groups of one side of {@code ::} (empty text: none); a dotted quad is allowed as the last
   * group when {@code last} (it is two groups).
   */
  private static int[] groups(String text, boolean last) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] parts = text.split(":", -1);
    int[] values = new int[parts.length + 1];
    int count = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (last && i == parts.length - 1 && part.indexOf('.') >= 0) {
        int[] v4 = parseIpv4(part);
        if (v4 == null) {
          return null;
        }
        values[count++] = v4[0] << 8 | v4[1];
        values[count++] = v4[2] << 8 | v4[3];
        continue;
      }
      if (part.isEmpty() || part.length() > 4) {
        return null;
      }
      int value = 0;
      for (int c = 0; c < part.length(); c++) {
        int digit = Character.digit(part.charAt(c), 16);
        if (digit < 0) {
          return null;
        }
        value = value << 4 | digit;
      }
      values[count++] = value;
    }
    return java.util.Arrays.copyOf(values, count);
  }

  private static boolean isIpv4Mapped(int[] groups) {
    for (int i = 0; i < 5; i++) {
      if (groups[i] != 0) {
        return false;
      }
    }
    return groups[5] == 0xffff;
  }

  /** RFC 5952: the longest run of two or more zero groups (the first of equals) as {@code ::}. */
  static String formatIpv6(int[] groups) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
