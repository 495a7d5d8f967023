package io.loglake.config;

import java.util.Locale;

/** What the curated zone stores of a record's {@code ip} ({@code --mask-ip}). */
public enum IpMask {
  /** The address as logged (the seed's behaviour). */
  NONE,
  /**
   * The network only: an IPv4 address's /24 ({@code a.b.c.0}), an IPv6 address's /48; a value that
   * is not an IP address is stored as null.
   */
  TRUNCATE,
  /** The keyed HMAC-SHA-256 of the address (see {@link PiiConfig}). */
  HASH;

  /** {@code none}, {@code truncate} or {@code hash}, any case. */
  public static IpMask parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("expected none, truncate or hash, got '" + text + "'", e);
    }
  }

  /** The name as {@code --mask-ip} takes it. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
