package io.loglake.producer;

/**
 * Where produced records go: a local raw zone, standard output, and later Firehose, Kafka or S3.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #send} accepts one record; the sink may buffer it. Records are delivered in the
 *       order they were sent, each as its JSON text followed by a newline.
 *   <li>A record is delivered once {@link #flush} or {@link #close} returns normally, or earlier
 *       when the sink's own buffering decides. Delivery is at-least-once: a retried delivery may
 *       repeat records.
 *   <li>On a delivery failure {@code send}, {@code flush} or {@code close} throws {@link
 *       io.loglake.LoglakeException} naming the destination; the records of the failed delivery are
 *       not delivered and the sink is unusable: later calls throw {@link IllegalStateException},
 *       except {@code close}, which does nothing.
 *   <li>{@link #close} delivers what is buffered and releases resources; closing twice is harmless.
 *       Sending after close throws {@link IllegalStateException}.
 *   <li>Sinks are not thread-safe: one producer thread sends.
 * </ul>
 */
public interface RecordSink extends AutoCloseable {
  /** Accepts {@code record} for delivery. */
  void send(LogRecord record);

  /** Delivers every record sent so far. */
  void flush();

  /**
   * Delivers what has waited in the sink's buffer longer than the sink lets it (Firehose's linger);
   * the producer calls it while it waits between records. Sinks whose buffering goes by size or by
   * the records' arrival times do nothing.
   */
  default void deliverDue() {}

  /** What has been delivered so far. */
  SinkStats stats();

  /** Delivers what is buffered, then releases the sink. */
  @Override
  void close();
}
