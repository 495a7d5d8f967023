package io.loglake.producer;

/**
 * What a sink has delivered so far (buffered records are not counted until delivered).
 *
 * @param records records delivered
 * @param objects objects (files, S3 objects, batches) written; 0 for sinks that write a stream
 * @param bytes the records' bytes as delivered before compression, newlines included
 * @param storedBytes the bytes written to the destination, after compression
 * @param retried record deliveries that were tried again after a failed attempt (a record retried
 *     three times counts three)
 * @param deadLettered records that could not be delivered and were written to the dead-letter file
 *     instead (never dropped)
 */
public record SinkStats(
    long records, long objects, long bytes, long storedBytes, long retried, long deadLettered) {
  public static final SinkStats NONE = new SinkStats(0, 0, 0, 0);

  /** Stats of a sink that never retries nor dead-letters. */
  public SinkStats(long records, long objects, long bytes, long storedBytes) {
    this(records, objects, bytes, storedBytes, 0, 0);
  }
}
