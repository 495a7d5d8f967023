package io.loglake.job;

import io.loglake.LoglakeException;
import io.loglake.config.StreamConfig;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@code loglake stream}: micro-batches written with the same code as {@code etl} ({@link
 * CuratedBatch}), until {@code --max-batches} batches ran, {@code --once} found nothing more, or a
 * stop is asked for (a signal): then the batch under way is finished first.
 *
 * <p>The raw source: each trigger is one {@code etl --incremental} run ({@link EtlJob} with its
 * {@link io.loglake.source.IncrementalRawSource} and state), which lists only the lookback's hour
 * folders and whose checkpoint, written after the data, makes a run cut short read its objects
 * again. Spark's file source is not used: it lists the whole raw path on every trigger and its
 * metadata log only grows.
 *
 * <p>The Kafka source: Spark Structured Streaming, its checkpoint under {@code <state>/stream}, and
 * {@code foreachBatch} into {@link KafkaMicroBatch}.
 *
 * <p>Each batch prints one progress line and, when it read something, keeps its run report in the
 * run history {@link RunHistory#streamFolder} (the newest {@link StreamConfig#REPORTS_KEPT}). With
 * {@code --check}, a batch that wrote something is checked first ({@link RunChecks#check}): its
 * report holds the {@code quality}, the progress line says whether it passed, each failed rule adds
 * a line, and the stream goes on (the summary counts the batches that failed).
 */
public final class StreamJob {
  /** How often a waiting stream looks whether it should stop. */
  private static final long POLL_MILLIS = 200;

  private StreamJob() {}

  /** What a stream did, from its start to its stop. */
  public record Summary(
      long batches,
      long read,
      long written,
      long quarantined,
      long duplicates,
      long checksFailed,
      String stopped) {
    /** One line for people. */
    public String line() {
      String line =
          String.format(
              "Stream stopped (%s) after %,d micro-batches: read %,d records, wrote %,d,"
                  + " quarantined %,d, removed %,d duplicates",
              stopped, batches, read, written, quarantined, duplicates);
      return checksFailed == 0
          ? line
          : line + String.format("; %,d failed a data-quality check", checksFailed);
    }
  }

  /** Running totals, added to by batches (on the stream's thread for Kafka). */
  private static final class Totals {
    private long batches;
    private long read;
    private long written;
    private long quarantined;
    private long duplicates;
    private long checksFailed;

    synchronized void add(RunReport report) {
      batches++;
      if (report.quality() != null && !report.quality().passed()) {
        checksFailed++;
      }
      read += report.recordsRead();
      written += report.recordsWritten();
      quarantined += report.recordsQuarantined();
      duplicates += report.duplicatesRemoved();
    }

    synchronized long batches() {
      return batches;
    }

    synchronized Summary summary(String stopped) {
      return new Summary(batches, read, written, quarantined, duplicates, checksFailed, stopped);
    }
  }

  /**
   * Runs the stream; {@code stopRequested} is polled between batches, {@code progress} gets one
   * line a batch. Throws {@link LoglakeException} on failure.
   */
  public static Summary run(
      SparkSession spark,
      StreamConfig config,
      BooleanSupplier stopRequested,
      Consumer<String> progress) {
    Totals totals = new Totals();
    // Made ready before the first batch: what registers a JVM shutdown hook on first use (Iceberg's
    // catalog client pool does) fails in a batch that finishes after a signal began the shutdown.
    spark.catalog().currentCatalog();
    CuratedBatch writer = CuratedBatch.prepare(spark, config.etl());
    // Before the first batch's dedupe reads the table: finish a compaction a kill cut short.
    Compaction.recover(spark, config.etl().compaction());
    // The batch id: Spark's for Kafka (it goes on across restarts, as its checkpoint does), the
    // trigger's number in this run for raw (the state's checkpoint sequence counts across runs).
    BiConsumer<Long, RunReport> onBatch =
        (id, written) -> {
          RunReport report = written;
          if (report.recordsRead() > 0 || report.filesRead() > 0) {
            report = checked(spark, config, report);
            report =
                RunChecks.keep(
                    spark.sparkContext().hadoopConfiguration(),
                    RunHistory.streamFolder(config.etl().statePath()),
                    StreamConfig.REPORTS_KEPT,
                    report);
          }
          totals.add(report);
          progress.accept(progressLine(id, report));
          if (report.quality() != null) {
            report.quality().lines().stream().filter(l -> l.startsWith("FAIL")).forEach(progress);
          }
        };
    return config.source() == StreamConfig.Source.RAW
        ? runRaw(spark, config, stopRequested, onBatch, totals)
        : runKafka(spark, config, writer, stopRequested, onBatch, totals);
  }

  /**
   * The batch's report with its check, when asked for; a check that cannot run becomes a warning
   * (the stream goes on: its data is written, and the next batch checks again).
   */
  private static RunReport checked(SparkSession spark, StreamConfig config, RunReport report) {
    try {
      return RunChecks.check(spark, config.etl(), report);
    } catch (LoglakeException e) {
      return report.withWarning("data-quality check not run: " + e.getMessage());
    }
  }

  static String progressLine(long batch, RunReport report) {
    String check =
        report.quality() == null
            ? ""
            : report.quality().passed()
                ? ", check passed"
                : ", check FAILED (" + String.join(", ", report.quality().failedRules()) + ")";
    return progressCounts(batch, report) + check;
  }

  private static String progressCounts(long batch, RunReport report) {
    return String.format(
        "batch %d: read %,d records, wrote %,d, quarantined %,d, duplicates %,d, partitions %d, in"
            + " %,d ms",
        batch,
        report.recordsRead(),
        report.recordsWritten(),
        report.recordsQuarantined(),
        report.duplicatesRemoved(),
        report.partitionsWritten().size(),
        report.durationMs());
  }

  private static Summary runRaw(
      SparkSession spark,
      StreamConfig config,
      BooleanSupplier stopRequested,
      BiConsumer<Long, RunReport> onBatch,
      Totals totals) {
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return totals.summary("stop requested");
      }
      if (config.maxBatches() > 0 && totals.batches() >= config.maxBatches()) {
        return totals.summary("max batches");
      }
      long next = System.nanoTime() + config.trigger().toNanos();
      onBatch.accept(totals.batches(), EtlJob.runBatch(spark, config.etl()));
      if (config.once()) {
        return totals.summary("once");
      }
      while (!stopRequested.getAsBoolean() && System.nanoTime() < next) {
        sleep(Math.min(POLL_MILLIS, Duration.ofNanos(next - System.nanoTime()).toMillis() + 1));
      }
    }
  }

  private static Summary runKafka(
      SparkSession spark,
      StreamConfig config,
      CuratedBatch writer,
      BooleanSupplier stopRequested,
      BiConsumer<Long, RunReport> onBatch,
      Totals totals) {
    // Open for the whole stream: a raw stream's batches are EtlJob runs, which publish their own.
    try (ReportMetrics metrics = ReportMetrics.open(config.etl())) {
      return runKafka(spark, config, writer, stopRequested, onBatch, totals, metrics);
    }
  }

  private static Summary runKafka(
      SparkSession spark,
      StreamConfig config,
      CuratedBatch writer,
      BooleanSupplier stopRequested,
      BiConsumer<Long, RunReport> onBatch,
      Totals totals,
      ReportMetrics metrics) {
    String source = "kafka:" + config.topic() + "@" + config.bootstrapServers();
    // Held while a batch runs: a stop waits for the batch under way, and one that starts after
    // the stop began waits here until the stop interrupts it (Spark then runs it again next time).
    ReentrantLock running = new ReentrantLock();
    AtomicLong started = new AtomicLong();
    VoidFunction2<Dataset<Row>, Long> eachBatch =
        (batch, batchId) -> {
          running.lockInterruptibly();
          try {
            started.incrementAndGet();
            onBatch.accept(
                batchId,
                metrics.publish(
                    KafkaMicroBatch.write(batch, batchId, config.etl(), writer, source)));
          } finally {
            running.unlock();
          }
        };
    StreamingQuery query;
    try {
      query =
          spark
              .readStream()
              .format("kafka")
              .option("kafka.bootstrap.servers", config.bootstrapServers())
              .option("subscribe", config.topic())
              .option("startingOffsets", "earliest")
              .option("failOnDataLoss", String.valueOf(config.failOnDataLoss()))
              .load()
              .writeStream()
              .option("checkpointLocation", config.streamStatePath() + "/kafka-checkpoint")
              .trigger(
                  config.once()
                      ? Trigger.AvailableNow()
                      : Trigger.ProcessingTime(config.trigger().toMillis()))
              .foreachBatch(eachBatch)
              .start();
    } catch (TimeoutException | RuntimeException e) {
      throw failure(config, e);
    }
    String stopped = "once";
    try {
      while (!query.awaitTermination(POLL_MILLIS)) {
        boolean enough = config.maxBatches() > 0 && started.get() >= config.maxBatches();
        if (enough || stopRequested.getAsBoolean()) {
          stopped = enough ? "max batches" : "stop requested";
          running.lock();
          try {
            query.stop();
          } finally {
            running.unlock();
          }
          break;
        }
      }
    } catch (StreamingQueryException | TimeoutException e) {
      throw failure(config, e);
    }
    if (query.exception().isDefined()) {
      throw failure(config, query.exception().get());
    }
    return totals.summary(stopped);
  }

  private static LoglakeException failure(StreamConfig config, Throwable e) {
    Throwable cause =
        e instanceof StreamingQueryException sqe && sqe.cause() != null ? sqe.cause() : e;
    if (cause instanceof LoglakeException le) {
      return le;
    }
    return new LoglakeException(
        "Cannot stream from Kafka topic "
            + config.topic()
            + " at "
            + config.bootstrapServers()
            + ": "
            + cause.getMessage(),
        "check that the brokers are reachable and the topic exists; a restart resumes from the"
            + " checkpoint in "
            + config.streamStatePath(),
        e);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoglakeException(
          "Cannot wait for the next trigger: interrupted", "run the stream again", e);
    }
  }
}
