package io.loglake.job;

import io.loglake.config.EtlConfig;
import io.loglake.source.KafkaRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One micro-batch of the Kafka stream, inside {@code foreachBatch}: the batch's records → the
 * parser → {@link CuratedBatch}, the same write as {@code etl}'s.
 *
 * <p>Exactly once: Spark writes the batch's offsets to the checkpoint before the batch and marks it
 * committed after {@code foreachBatch} returns; a batch cut short (crash, kill) is run again with
 * the same offsets on the next start, and the dedupe anti-join of {@link CuratedBatch} drops the
 * rows its first attempt had already appended. Its quarantined records may be written twice (each
 * attempt has its own run id and quarantine folder).
 */
final class KafkaMicroBatch {
  private KafkaMicroBatch() {}

  /** Writes {@code batch} (rows of Spark's Kafka source) and returns its report. */
  static RunReport write(
      Dataset<Row> batch, long batchId, EtlConfig config, CuratedBatch writer, String source) {
    long startNanos = System.nanoTime();
    Instant startedAt = Instant.now();
    String runId = EtlJob.runId(startedAt, "-batch" + batchId);
    // The session of the batch: Spark runs foreachBatch on a clone of the stream's session, and the
    // observed metrics are reported to its listeners.
    SparkSession session = batch.sparkSession();
    // Kept: the quarantine reads the batch's records again, which must not fetch them from Kafka.
    Dataset<Row> records = KafkaRecords.records(batch).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> parsed =
          KafkaRecords.parsed(
              records, config.levels(), config.eventTimeRange(), config.maxLineBytes());
      CuratedBatch.Result result = writer.write(session, runId, parsed, sources -> parsed);
      writer.register(session, result.partitions());
      List<String> warnings = new ArrayList<>();
      CompactionReport compaction =
          EtlJob.compactAfterWrite(session, config, result.partitions(), warnings);
      return result.report(
          runId,
          startedAt,
          source,
          config,
          0,
          warnings,
          (System.nanoTime() - startNanos) / 1_000_000,
          null,
          compaction);
    } finally {
      records.unpersist();
    }
  }
}
