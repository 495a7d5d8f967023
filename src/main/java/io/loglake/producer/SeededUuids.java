package io.loglake.producer;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Version-4-shaped UUIDs drawn from a seeded generator: the same seed gives the same sequence, so
 * generated data (event ids, object names) is reproducible. Not for anything that must be
 * unguessable. Not thread-safe.
 */
public final class SeededUuids implements Supplier<UUID> {
  /** Keeps object-name UUIDs apart from the event-id UUIDs of the same seed. */
  private static final long OBJECT_NAME_SALT = 0x6f626a6563742d31L;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final SplittableRandom random;

  public SeededUuids(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The UUIDs for raw-zone object names of data generated with {@code seed}. */
  public static SeededUuids forObjectNames(long seed) {
    return new SeededUuids(seed ^ OBJECT_NAME_SALT);
  }

  @Override
  public UUID get() {
    return new UUID(versionFour(random.nextLong()), ietfVariant(random.nextLong()));
  }

  /** Appends the canonical form of a UUID drawn from {@code random} without allocating one. */
  static void appendNext(StringBuilder out, SplittableRandom random) {
    long mostSignificant = versionFour(random.nextLong());
    long leastSignificant = ietfVariant(random.nextLong());
    appendHex(out, mostSignificant >>> 32, 8);
    out.append('-');
    appendHex(out, mostSignificant >>> 16, 4);
    out.append('-');
    appendHex(out, mostSignificant, 4);
    out.append('-');
    appendHex(out, leastSignificant >>> 48, 4);
    out.append('-');
    appendHex(out, leastSignificant, 12);
  }

  private static long versionFour(long bits) {
    return (bits & 0xffffffffffff0fffL) | 0x0000000000004000L;
  }

  private static long ietfVariant(long bits) {
    return (bits & 0x3fffffffffffffffL) | 0x8000000000000000L;
  }

  private static void appendHex(StringBuilder out, long value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX[(int) (value >>> shift) & 0xF]);
    }
  }
}
