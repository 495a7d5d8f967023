package io.loglake.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** What the stream latency benchmark measured (serialised to JSON with snake_case keys). */
record LatencyResult(
    String startedAt,
    String command,
    String revision,
    int cores,
    String javaVersion,
    String loadAverageAtStart,
    String loadAverageAtEnd,
    int rate,
    int seconds,
    int warmUpSeconds,
    List<Scenario> scenarios) {

  /** The target: p95 from an event's creation to its row being readable, from Kafka. */
  static final long TARGET_P95_MILLIS = 10_000;

  /** Nearest-rank percentiles of a set of durations in milliseconds; null fields when empty. */
  record Stats(long count, Long p50, Long p95, Long p99, Long max) {
    static Stats of(Collection<Long> values) {
      long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      if (sorted.length == 0) {
        return new Stats(0, null, null, null, null);
      }
      return new Stats(
          sorted.length,
          rank(sorted, 50),
          rank(sorted, 95),
          rank(sorted, 99),
          sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percentile) {
      int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
  }

  /**
   * One scenario.
   *
   * @param producerLagAtEndMillis the producer's exit time minus the last record's event time (its
   *     scheduled creation): small when the producer kept pace (it includes flushing and the JVM's
   *     exit)
   * @param latency event time → first seen readable by the independent reader, per row after the
   *     warm-up
   * @param waitForBatch event time → start of the micro-batch that wrote the row (trigger wait, a
   *     batch still running, and for raw the producer's buffering)
   * @param batchDuration the duration of that micro-batch (its run report's {@code duration_ms})
   * @param afterBatch end of that batch → first seen (the reader's poll; negative when the batch's
   *     rows were readable before its report's end, e.g. registration after the commit)
   * @param toRawLanding raw only: event time → its raw object first listed
   * @param rawLandingToReadable raw only: raw object first listed → its row first seen in the table
   * @param rawObjectIntervalMillis raw only: time between two objects landing
   * @param phases where the batches' time went, from the stream's Spark event log
   * @param batchMillis per micro-batch that read records: its duration
   * @param targetMet p95 of {@code latency} within {@link #TARGET_P95_MILLIS} (reported for raw
   *     too, where it is not the target)
   */
  record Scenario(
      String source,
      String format,
      String trigger,
      long recordsProduced,
      long producerWallMillis,
      String producerSummary,
      Double producerReportedRate,
      long producerLagAtEndMillis,
      int producerExit,
      long rowsSeen,
      long duplicateRows,
      long rowsMeasured,
      long rowsWithoutBatch,
      int tableFilesRead,
      Stats latency,
      Stats waitForBatch,
      Stats batchDuration,
      Stats afterBatch,
      Stats toRawLanding,
      Stats rawLandingToReadable,
      Integer rawObjects,
      Stats rawRecordsPerObject,
      Stats rawObjectIntervalMillis,
      int batches,
      Stats batchMillis,
      Stats recordsPerBatch,
      int streamExit,
      String error,
      List<EventLogProfile.Phase> phases,
      boolean targetMet) {}
}
