package io.loglake.producer;

/** Told how a production run is going, at most once per {@link LogProducer#PROGRESS_INTERVAL}. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (recordsSent, delivered) -> {};

  /**
   * @param recordsSent records sent to the sink so far
   * @param delivered what the sink has delivered so far
   */
  void onProgress(long recordsSent, SinkStats delivered);
}
