package io.loglake.producer;

/**
 * What a sink has delivered so far (buffered records are not counted until delivered).
 *
 * @param records records delivered
 * @param objects objects (files, S3 objects, batches) written; 0 for sinks that write a stream
 * @param bytes the records' bytes as delivered before compression, newlines included
 * @param storedBytes the bytes written to the destination, after compression
 */
public record SinkStats(long records, long objects, long bytes, long storedBytes) {
  public static final SinkStats NONE = new SinkStats(0, 0, 0, 0);
}
