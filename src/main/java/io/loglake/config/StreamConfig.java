package io.loglake.config;

import java.time.Duration;
import java.util.Locale;

/**
 * What {@code loglake stream} runs: the {@link EtlConfig} every micro-batch is written with (for
 * {@link Source#RAW} an {@code --incremental} one: each trigger is one incremental run), where the
 * records come from, and when a micro-batch starts and the stream stops. Defaults are declared
 * here, once.
 *
 * @param etl the write of each micro-batch (its raw path is unused for {@link Source#KAFKA})
 * @param source where records come from
 * @param bootstrapServers the Kafka brokers ({@link Source#KAFKA} only, else null)
 * @param topic the Kafka topic ({@link Source#KAFKA} only, else null)
 * @param failOnDataLoss whether a Kafka query fails when records it has not read were deleted
 *     (retention) or offsets went back, instead of skipping them
 * @param trigger the interval between the starts of two micro-batches
 * @param maxBatches stop after this many micro-batches; 0: run until stopped
 * @param once process what is there now, then stop (Spark's AvailableNow; for raw: one trigger)
 */
public record StreamConfig(
    EtlConfig etl,
    Source source,
    String bootstrapServers,
    String topic,
    boolean failOnDataLoss,
    Duration trigger,
    int maxBatches,
    boolean once) {
  public static final String DEFAULT_SOURCE_TEXT = "raw";
  public static final String DEFAULT_TRIGGER_TEXT = "10s";
  public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(10);
  public static final String DEFAULT_MAX_BATCHES_TEXT = "0";
  public static final String DEFAULT_FAIL_ON_DATA_LOSS_TEXT = "true";

  /** Micro-batch reports kept under {@code <state>/stream/reports}, newest first. */
  public static final int REPORTS_KEPT = 100;

  /** Where records come from. */
  public enum Source {
    /** The raw zone, one incremental run per trigger (the state of {@code etl --incremental}). */
    RAW,
    /** A Kafka topic, through Spark Structured Streaming and its checkpoint. */
    KAFKA;

    /** {@code raw} or {@code kafka}, any case. */
    public static Source parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("expected raw or kafka, got '" + text + "'", e);
      }
    }
  }

  public StreamConfig {
    if (etl == null || source == null || trigger == null) {
      throw new IllegalArgumentException("an etl config, a source and a trigger are required");
    }
    if (etl.dedupeWindow().isZero()) {
      throw new IllegalArgumentException(
          "the dedupe window must be above 0 for stream: a micro-batch replayed after a crash"
              + " would be written twice without it");
    }
    if (source == Source.KAFKA
        && (bootstrapServers == null
            || bootstrapServers.isBlank()
            || topic == null
            || topic.isBlank())) {
      throw new IllegalArgumentException("the kafka source needs bootstrap servers and a topic");
    }
    if (source == Source.RAW && (bootstrapServers != null || topic != null)) {
      throw new IllegalArgumentException("bootstrap servers and a topic are for the kafka source");
    }
    if (source == Source.RAW && !etl.incremental()) {
      throw new IllegalArgumentException("the raw source runs incrementally");
    }
    if (trigger.isNegative() || trigger.isZero()) {
      throw new IllegalArgumentException("the trigger must be above 0, got " + trigger);
    }
    if (maxBatches < 0) {
      throw new IllegalArgumentException("max batches must be 0 or more, got " + maxBatches);
    }
  }

  /** The folder of the stream's own files under the state: Spark's checkpoint, the reports. */
  public String streamStatePath() {
    return etl.statePath().replaceAll("/+$", "") + "/stream";
  }
}
