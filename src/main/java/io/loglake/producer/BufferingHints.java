package io.loglake.producer;

import java.time.Duration;

/**
 * When a buffering sink delivers an object, as Firehose's buffering hints: when the buffered,
 * uncompressed records reach {@code sizeBytes}, or when a record arrives {@code interval} or more
 * after the buffer's first record, whichever comes first. The interval is checked as records
 * arrive.
 *
 * @param sizeBytes 1 byte to 128 MiB (Firehose allows 1–128 MiB; smaller sizes serve tests)
 * @param interval positive
 */
public record BufferingHints(long sizeBytes, Duration interval) {
  public static final long MAX_SIZE_BYTES = 128L << 20;

  /** Firehose's defaults for S3: 1 MiB or 60 seconds. */
  public static final BufferingHints DEFAULT = new BufferingHints(1L << 20, Duration.ofSeconds(60));

  public BufferingHints {
    if (sizeBytes < 1 || sizeBytes > MAX_SIZE_BYTES) {
      throw new IllegalArgumentException(
          "the buffer size must be between 1 and " + MAX_SIZE_BYTES + " bytes, got " + sizeBytes);
    }
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the buffer interval must be positive, got " + interval);
    }
  }

  public BufferingHints withSizeBytes(long newSizeBytes) {
    return new BufferingHints(newSizeBytes, interval);
  }

  public BufferingHints withInterval(Duration newInterval) {
    return new BufferingHints(sizeBytes, newInterval);
  }
}
