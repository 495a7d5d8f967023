package io.loglake.producer;

import io.loglake.LoglakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;

/**
 * Kinesis Data Firehose through {@code PutRecordBatch}: records, each newline-terminated (Firehose
 * adds no delimiter of its own), are buffered into batches of at most {@value #MAX_BATCH_RECORDS}
 * records and {@value #MAX_BATCH_BYTES} bytes, and a batch is sent when full, once its first record
 * has waited the linger (checked at each {@link #send} and {@link #deliverDue}), on {@link #flush}
 * and on {@link #close}.
 *
 * <p>Delivery of a batch: Firehose can answer a call with success and still reject some records
 * ({@code FailedPutCount} &gt; 0, an {@code ErrorCode} per rejected entry), so only the rejected
 * entries are sent again; a call that fails as a whole (a 5xx, throttling, a dropped connection) is
 * sent again whole. Retries follow the {@link RetryPolicy}: exponential back-off with jitter,
 * longer when throttled, bounded in attempts and time; the producer thread waits meanwhile, so
 * throttling slows production down. Records still failing then go to the {@link DeadLetterFile} and
 * are counted, never dropped. A record longer than {@value #MAX_RECORD_BYTES} bytes (Firehose's
 * limit, newline included) is not sent: it is dead-lettered at once with a notice.
 *
 * <p>An error that retrying cannot cure (an unknown stream, denied access, bad or missing
 * credentials, a host name that does not resolve) is not retried: it dead-letters the batch, and
 * the record whose arrival sent it, and throws a {@link LoglakeException}; the sink is then
 * unusable, as the {@link RecordSink} contract says. Delivery is at-least-once: a batch whose
 * answer was lost (a dropped connection) is sent again, so Firehose may receive a record twice.
 */
public final class FirehoseSink implements RecordSink {
  public static final int MAX_BATCH_RECORDS = 500;
  public static final long MAX_BATCH_BYTES = 4L << 20;
  public static final int MAX_RECORD_BYTES = 1000 * 1024;

  /** How long a partial batch waits for more records by default. */
  public static final Duration DEFAULT_LINGER = Duration.ofSeconds(1);

  private static final String SINK_NAME = "firehose";

  private final FirehoseClient client;
  private final String stream;
  private final RetryPolicy retry;
  private final DeadLetterFile deadLetters;
  private final Consumer<String> notices;
  private final Sleeper sleeper;
  private final LongSupplier nanoClock;
  private final SplittableRandom jitter;

  /** Nanoseconds a partial batch waits for more records; 0 for no limit. */
  private final long lingerNanos;

  private final FirehoseBatch pending = new FirehoseBatch();

  private long records;
  private long batches;
  private long bytes;
  private long retried;
  private long deadLettered;
  private boolean closed;
  private boolean failed;

  /**
   * @param client a client whose own retries are off ({@link FirehoseClients#create} builds one):
   *     this sink does the retrying, so that its bounds hold
   * @param notices told, one line each, about refused records and records dead-lettered
   * @param linger how long a partial batch waits for more records; zero for as long as it takes to
   *     fill
   */
  public FirehoseSink(
      FirehoseClient client,
      String stream,
      RetryPolicy retry,
      DeadLetterFile deadLetters,
      Consumer<String> notices,
      Sleeper sleeper,
      LongSupplier nanoClock,
      long jitterSeed,
      Duration linger) {
    if (linger.isNegative()) {
      throw new IllegalArgumentException("the linger must not be negative, got " + linger);
    }
    this.lingerNanos = linger.toNanos();
    this.client = client;
    this.stream = stream;
    this.retry = retry;
    this.deadLetters = deadLetters;
    this.notices = notices;
    this.sleeper = sleeper;
    this.nanoClock = nanoClock;
    this.jitter = new SplittableRandom(jitterSeed);
  }

  /** A sink whose partial batches wait until full, flushed or closed. */
  public FirehoseSink(
      FirehoseClient client,
      String stream,
      RetryPolicy retry,
      DeadLetterFile deadLetters,
      Consumer<String> notices,
      Sleeper sleeper,
      LongSupplier nanoClock,
      long jitterSeed) {
    this(
        client, stream, retry, deadLetters, notices, sleeper, nanoClock, jitterSeed, Duration.ZERO);
  }

  /** A sink on the system clock. */
  public FirehoseSink(
      FirehoseClient client,
      String stream,
      RetryPolicy retry,
      DeadLetterFile deadLetters,
      Consumer<String> notices,
      Duration linger) {
    this(
        client,
        stream,
        retry,
        deadLetters,
        notices,
        Sleeper.SYSTEM,
        System::nanoTime,
        System.nanoTime(),
        linger);
  }

  @Override
  public void send(LogRecord record) {
    requireUsable();
    byte[] line = (record.json() + '\n').getBytes(StandardCharsets.UTF_8);
    if (line.length > MAX_RECORD_BYTES) {
      String reason =
          "record_too_large: "
              + line.length
              + " bytes with its newline, Firehose takes at most "
              + MAX_RECORD_BYTES;
      notices.accept(
          "Cannot send a record to Firehose stream "
              + stream
              + ": it is "
              + line.length
              + " bytes, over Firehose's limit of "
              + MAX_RECORD_BYTES
              + "; written to "
              + deadLetters.path()
              + " instead");
      deadLetter(List.of(record), reason, 0);
      return;
    }
    if (!pending.fits(line.length) || lingered()) {
      deliverPending(record);
    }
    pending.add(record, line, nanoClock.getAsLong());
  }

  @Override
  public void flush() {
    requireUsable();
    if (!pending.isEmpty()) {
      deliverPending(null);
    }
  }

  /** Sends the partial batch if its first record has waited the linger. */
  @Override
  public void deliverDue() {
    requireUsable();
    if (lingered()) {
      deliverPending(null);
    }
  }

  private boolean lingered() {
    return pending.lingered(nanoClock.getAsLong(), lingerNanos);
  }

  @Override
  public SinkStats stats() {
    return new SinkStats(records, batches, bytes, bytes, retried, deadLettered);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (!failed) {
        flush();
      }
    } finally {
      closed = true;
      try {
        client.close();
      } finally {
        deadLetters.close();
      }
    }
  }

  /**
   * Sends the pending batch.
   *
   * @param arriving the record being sent, not yet buffered, if any: dead-lettered as well when the
   *     batch fails for good, since the sink then takes no more records
   */
  private void deliverPending(LogRecord arriving) {
    FirehoseBatch.Entries outstanding = pending.drain();

    long started = nanoClock.getAsLong();
    int attempts = 0;
    while (true) {
      attempts++;
      boolean throttled;
      String lastError;
      try {
        PutRecordBatchResponse response = client.putRecordBatch(outstanding.request(stream));
        List<PutRecordBatchResponseEntry> entries = response.requestResponses();
        Integer failedCount = response.failedPutCount();
        if (entries.size() != outstanding.size()) {
          // An answer that does not match the request cannot say which records landed: send all.
          throttled = false;
          lastError = "the answer listed " + entries.size() + " entries for " + outstanding.size();
        } else if (failedCount != null && failedCount == 0 && FirehoseErrors.noErrorCode(entries)) {
          delivered(outstanding.data());
          return;
        } else {
          // Only the entries Firehose rejected are sent again.
          delivered(outstanding.accepted(entries));
          FirehoseBatch.Entries rejected = outstanding.rejected(entries);
          if (rejected.size() == 0) {
            return;
          }
          throttled = FirehoseErrors.anyThrottled(entries);
          lastError = FirehoseErrors.lastError(entries);
          outstanding = rejected;
        }
      } catch (AwsServiceException e) {
        if (!FirehoseErrors.isRetryable(e)) {
          String code = FirehoseErrors.errorCode(e);
          throw failedForGood(
              outstanding.records(),
              arriving,
              code + ": " + SdkFailures.message(e),
              FirehoseErrors.hintFor(code, stream),
              attempts,
              e);
        }
        throttled = FirehoseErrors.isThrottling(e);
        lastError = SdkFailures.message(e);
      } catch (SdkException e) {
        String hint = SdkFailures.unrecoverableHint(e, "--endpoint-url and --region");
        if (hint != null) {
          String host = SdkFailures.unknownHost(e);
          throw failedForGood(
              outstanding.records(),
              arriving,
              host != null ? "unknown host " + host : SdkFailures.message(e),
              hint,
              attempts,
              e);
        }
        throttled = false;
        lastError = SdkFailures.message(e);
      } catch (RuntimeException e) {
        throw failedForGood(
            outstanding.records(),
            arriving,
            e.toString(),
            "this is unexpected; rerun with LOGLAKE_DEBUG=1 for the stack trace and report it",
            attempts,
            e);
      }

      Duration wait = retry.backoff(attempts, throttled, jitter::nextDouble);
      long elapsed = nanoClock.getAsLong() - started;
      if (attempts >= retry.maxAttempts()
          || elapsed + wait.toNanos() > retry.maxElapsed().toNanos()) {
        notices.accept(
            "Cannot deliver "
                + outstanding.size()
                + " records to Firehose stream "
                + stream
                + " after "
                + attempts
                + " attempts ("
                + lastError
                + "); written to "
                + deadLetters.path());
        deadLetter(outstanding.records(), lastError, attempts);
        return;
      }
      retried += outstanding.size();
      sleeper.sleep(wait);
    }
  }

  /**
   * Dead-letters {@code outstanding} and {@code arriving} (if not null) and marks the sink failed.
   *
   * @return the exception to throw, its hint saying where the undelivered records are
   */
  private LoglakeException failedForGood(
      List<LogRecord> outstanding,
      LogRecord arriving,
      String reason,
      String hint,
      int attempts,
      RuntimeException cause) {
    failed = true;
    List<LogRecord> undelivered = new ArrayList<>(outstanding);
    if (arriving != null) {
      undelivered.add(arriving);
    }
    deadLetter(undelivered, reason, attempts);
    return new LoglakeException(
        "Cannot put records to Firehose stream " + stream + ": " + reason,
        hint
            + "; the "
            + deadLettered
            + (deadLettered == 1
                ? " record not delivered is in "
                : " records not delivered are in ")
            + deadLetters.path(),
        cause);
  }

  private void delivered(List<SdkBytes> data) {
    if (data.isEmpty()) {
      return;
    }
    batches++;
    records += data.size();
    for (SdkBytes bytes : data) {
      this.bytes += bytes.asByteBuffer().remaining();
    }
  }

  private void deadLetter(List<LogRecord> undelivered, String reason, int attempts) {
    try {
      for (LogRecord record : undelivered) {
        deadLetters.write(SINK_NAME, record, reason, attempts);
        deadLettered++;
      }
    } catch (LoglakeException e) {
      failed = true;
      throw e;
    }
  }

  private void requireUsable() {
    if (failed) {
      throw new IllegalStateException(
          "the Firehose sink for " + stream + " failed earlier and cannot be used");
    }
    if (closed) {
      throw new IllegalStateException("the Firehose sink for " + stream + " is closed");
    }
  }
}
