package io.loglake.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * Publishes one run's metrics: its counts and its duration, once per run, from the driver after the
 * run's data is written (never per record).
 *
 * <p>On failure {@link #publish} throws {@link MetricsPublishException} naming the target and the
 * reason; it never retries beyond what its client does. What a failure means for the run is the
 * caller's decision (the data is written by then).
 */
public interface RunMetrics extends AutoCloseable {
  /**
   * The metric name of a run's duration, in milliseconds (the run report's {@code duration_ms}).
   */
  String DURATION_MS = "duration_ms";

  /**
   * Publishes {@code counts} (metric name → count) and {@code durationMs} for {@code table}, the
   * values taken at {@code time}.
   */
  void publish(String table, Instant time, Map<String, Long> counts, long durationMs);

  /** Where the metrics go, for messages: {@code CloudWatch namespace loglake}. */
  String describe();

  /** Releases the client; never throws. */
  @Override
  void close();
}
