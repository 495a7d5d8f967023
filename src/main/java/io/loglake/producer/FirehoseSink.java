package io.loglake.producer;

import io.loglake.LoglakeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

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
 * sent again whole. Retries follow the {@link io.loglake.producer.RetryPolicy}: exponential
 * back-off with jitter, longer when throttled, bounded in attempts and time; the producer thread
 * waits meanwhile, so throttling slows production down. Records still failing then go to the {@link
 * DeadLetterFile} and are counted, never dropped. A record longer than {@value #MAX_RECORD_BYTES}
 * bytes (Firehose's limit, newline included) is not sent: it is dead-lettered at once with a
 * notice.
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

  /** Per-entry error code Firehose gives when a stream's throughput is exceeded. */
  private static final String THROTTLED = "ServiceUnavailableException";

  private static final String SINK_NAME = "firehose";

  private final FirehoseClient client;
  private final String stream;
  private final io.loglake.producer.RetryPolicy retry;
  private final DeadLetterFile deadLetters;
  private final Consumer<String> notices;
  private final Sleeper sleeper;
  private final LongSupplier nanoClock;
  private final SplittableRandom jitter;

  /** Nanoseconds a partial batch waits for more records; 0 for no limit. */
  private final long lingerNanos;

  private final List<LogRecord> pending = new ArrayList<>(MAX_BATCH_RECORDS);
  private final List<SdkBytes> pendingData = new ArrayList<>(MAX_BATCH_RECORDS);
  private long pendingBytes;
  private long firstPendingNanos;

  private long records;
  private long batches;
  private long bytes;
  private long retried;
  private long deadLettered;
  private boolean closed;
  private boolean failed;

  /**
   * @param client a client whose own retries are off ({@link #client} builds one): this sink does
   *     the retrying, so that its bounds hold
   * @param notices told, one line each, about refused records and records dead-lettered
   * @param linger how long a partial batch waits for more records; zero for as long as it takes to
   *     fill
   */
  public FirehoseSink(
      FirehoseClient client,
      String stream,
      io.loglake.producer.RetryPolicy retry,
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
      io.loglake.producer.RetryPolicy retry,
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
      io.loglake.producer.RetryPolicy retry,
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

  /**
   * A Firehose client for {@code region}, at {@code endpoint} if not null (a VPC endpoint, a test
   * server), with credentials from the SDK's default chain and the SDK's own retries off.
   */
  public static FirehoseClient client(Region region, URI endpoint) {
    return client(region, endpoint, DefaultCredentialsProvider.builder().build());
  }

  /** {@link #client(Region, URI)} with {@code credentials} instead of the default chain. */
  static FirehoseClient client(Region region, URI endpoint, AwsCredentialsProvider credentials) {
    var builder =
        FirehoseClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(30)))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(60)));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
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
    if (pending.size() == MAX_BATCH_RECORDS
        || pendingBytes + line.length > MAX_BATCH_BYTES
        || lingered()) {
      deliverPending(record);
    }
    if (pending.isEmpty()) {
      firstPendingNanos = nanoClock.getAsLong();
    }
    pending.add(record);
    pendingData.add(SdkBytes.fromByteArrayUnsafe(line));
    pendingBytes += line.length;
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
    return lingerNanos > 0
        && !pending.isEmpty()
        && nanoClock.getAsLong() - firstPendingNanos >= lingerNanos;
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
    List<LogRecord> outstanding = new ArrayList<>(pending);
    List<SdkBytes> data = new ArrayList<>(pendingData);
    pending.clear();
    pendingData.clear();
    pendingBytes = 0;

    long started = nanoClock.getAsLong();
    int attempts = 0;
    while (true) {
      attempts++;
      boolean throttled;
      String lastError;
      try {
        PutRecordBatchResponse response = client.putRecordBatch(request(data));
        List<PutRecordBatchResponseEntry> entries = response.requestResponses();
        Integer failedCount = response.failedPutCount();
        if (entries.size() != outstanding.size()) {
          // An answer that does not match the request cannot say which records landed: send all.
          throttled = false;
          lastError = "the answer listed " + entries.size() + " entries for " + outstanding.size();
        } else if (failedCount != null && failedCount == 0 && noErrorCode(entries)) {
          delivered(data);
          return;
        } else {
          List<LogRecord> failedRecords = new ArrayList<>();
          List<SdkBytes> failedData = new ArrayList<>();
          List<SdkBytes> landed = new ArrayList<>();
          throttled = false;
          lastError = null;
          for (int i = 0; i < entries.size(); i++) {
            PutRecordBatchResponseEntry entry = entries.get(i);
            if (entry.errorCode() == null) {
              landed.add(data.get(i));
            } else {
              failedRecords.add(outstanding.get(i));
              failedData.add(data.get(i));
              throttled |= THROTTLED.equals(entry.errorCode());
              lastError = entry.errorCode() + ": " + entry.errorMessage();
            }
          }
          delivered(landed);
          if (failedRecords.isEmpty()) {
            return;
          }
          outstanding = failedRecords;
          data = failedData;
        }
      } catch (AwsServiceException e) {
        if (!isRetryable(e)) {
          String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
          throw failedForGood(
              outstanding,
              arriving,
              code + ": " + SdkFailures.message(e),
              hintFor(code),
              attempts,
              e);
        }
        throttled = isThrottling(e);
        lastError = SdkFailures.message(e);
      } catch (SdkException e) {
        String hint = SdkFailures.unrecoverableHint(e, "--endpoint-url and --region");
        if (hint != null) {
          String host = SdkFailures.unknownHost(e);
          throw failedForGood(
              outstanding,
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
            outstanding,
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
        deadLetter(outstanding, lastError, attempts);
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

  private PutRecordBatchRequest request(List<SdkBytes> data) {
    List<Record> batch = new ArrayList<>(data.size());
    for (SdkBytes bytes : data) {
      batch.add(Record.builder().data(bytes).build());
    }
    return PutRecordBatchRequest.builder().deliveryStreamName(stream).records(batch).build();
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

  private static boolean noErrorCode(List<PutRecordBatchResponseEntry> entries) {
    for (PutRecordBatchResponseEntry entry : entries) {
      if (entry.errorCode() != null) {
        return false;
      }
    }
    return true;
  }

  private static boolean isRetryable(AwsServiceException e) {
    return e.statusCode() >= 500 || e.statusCode() == 429 || isThrottling(e);
  }

  private static boolean isThrottling(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.isThrottlingException()
        || THROTTLED.equals(code)
        || "LimitExceededException".equals(code)
        || "ThrottlingException".equals(code);
  }

  private String hintFor(String code) {
    return switch (code == null ? "" : code) {
      case "ResourceNotFoundException" ->
          "check --stream " + stream + " and --region: no such delivery stream there";
      case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException" ->
          "check the AWS credentials (the SDK's default chain: environment, profile, instance"
              + " role) and that they allow firehose:PutRecordBatch on "
              + stream;
      default -> "check the stream's configuration and the error above";
    };
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
