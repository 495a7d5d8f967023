package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.LoglakeException;
import io.loglake.producer.FirehoseTestServer.Answer;
import io.loglake.testing.SystemProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * The Firehose sink with the real AWS SDK client against a Firehose JSON-protocol server on
 * 127.0.0.1 that rejects entries, throttles and drops connections.
 */
class FirehoseSinkIT {
  /** The code under test takes the SDK's default credentials chain; system properties are in it. */
  @RegisterExtension
  static final SystemProperties credentials =
      SystemProperties.awsCredentials("test-access-key", "test-secret-key");

  private static final String STREAM = "realtime-log-stream";
  private static final Instant START = Instant.parse("2025-11-09T00:00:00Z");

  /** Fast retries with the real clock: each test waits well under a second in back-offs. */
  private static final RetryPolicy QUICK =
      new RetryPolicy(
          6,
          Duration.ofMillis(5),
          Duration.ofMillis(20),
          Duration.ofMillis(200),
          Duration.ofSeconds(20));

  @TempDir Path temp;

  private FirehoseTestServer server;
  private final List<String> notices = Collections.synchronizedList(new ArrayList<>());
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void startServer() throws IOException {
    server = new FirehoseTestServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void everyRecordArrivesDespitePartialFailuresThrottlingAndADroppedConnection() {
    server.answer(
        Answer.PARTIAL_FAILURE,
        Answer.THROTTLE_CALL,
        Answer.DROP_CONNECTION,
        Answer.ENTRIES_THROTTLED,
        Answer.PARTIAL_FAILURE,
        Answer.DROP_CONNECTION,
        Answer.PARTIAL_FAILURE);
    List<LogRecord> sent = records(2_000);

    SinkStats stats = sendAll(sink(QUICK.withMaxAttempts(10)), sent);

    List<String> accepted = server.accepted();
    assertThat(server.protocolErrors()).as("malformed requests").isZero();
    assertThat(accepted).allSatisfy(data -> assertThat(data).endsWith("\n"));
    Set<String> missing = new HashSet<>(lines(sent));
    missing.removeAll(accepted);
    assertThat(missing.size()).as("records that never arrived (notices: %s)", notices).isZero();
    Set<String> unexpected = new HashSet<>(accepted);
    lines(sent).forEach(unexpected::remove);
    assertThat(unexpected.size()).as("records that arrived but were not sent").isZero();
    assertThat(stats.records()).isEqualTo(accepted.size());
    assertThat(stats.records()).isGreaterThanOrEqualTo(2_000);
    assertThat(stats.deadLettered()).isZero();
    assertThat(stats.retried()).as("records retried").isGreaterThan(500);
    assertThat(Files.exists(deadLetterPath())).isFalse();
    assertThat(server.streams()).containsOnly(STREAM);
    assertThat(waits).as("one back-off per failed attempt").hasSize(7);
  }

  @Test
  void retriesOnlyTheEntriesThatCameBackWithAnErrorCode() {
    server.answer(Answer.PARTIAL_FAILURE);
    List<LogRecord> sent = records(300);

    sendAll(sink(QUICK), sent);

    List<Integer> sizes = server.batchSizes();
    assertThat(sizes).hasSize(2);
    assertThat(sizes.get(0)).isEqualTo(300);
    assertThat(sizes.get(1))
        .as("the second call carries only the rejected entries")
        .isBetween(1, 299);
    assertThat(server.accepted()).hasSize(300).doesNotHaveDuplicates();
  }

  @Test
  void recordsThatKeepFailingGoToTheDeadLetterFileAfterBoundedAttempts() throws IOException {
    server.otherwise(Answer.ENTRIES_THROTTLED);
    List<LogRecord> sent = records(700);

    SinkStats stats = sendAll(sink(QUICK.withMaxAttempts(4)), sent);

    assertThat(server.calls()).as("two batches, four attempts each").isEqualTo(8);
    assertThat(stats.records()).isZero();
    assertThat(stats.deadLettered()).isEqualTo(700);
    assertThat(stats.retried()).isEqualTo(3 * 700);
    List<String> deadLetters = Files.readAllLines(deadLetterPath());
    assertThat(deadLetters).hasSize(700);
    ObjectMapper json = new ObjectMapper();
    Set<String> saved = new HashSet<>();
    for (String line : deadLetters) {
      JsonNode letter = json.readTree(line);
      assertThat(letter.get("sink").asText()).isEqualTo("firehose");
      assertThat(letter.get("attempts").asInt()).isEqualTo(4);
      assertThat(letter.get("reason").asText()).startsWith("ServiceUnavailableException");
      saved.add(letter.get("record").asText() + "\n");
    }
    assertThat(saved).containsExactlyInAnyOrderElementsOf(lines(sent));
    assertThat(notices).hasSize(2).allSatisfy(n -> assertThat(n).contains("after 4 attempts"));
  }

  @Test
  void throttlingBacksOffExponentiallyWithJitterWithinTheBounds() {
    server.answer(
        Answer.THROTTLE_CALL, Answer.THROTTLE_CALL, Answer.THROTTLE_CALL, Answer.THROTTLE_CALL);
    RetryPolicy policy =
        new RetryPolicy(
            8,
            Duration.ofMillis(10),
            Duration.ofMillis(40),
            Duration.ofMillis(200),
            Duration.ofSeconds(20));

    SinkStats stats = sendAll(sink(policy), records(10));

    assertThat(stats.records()).isEqualTo(10);
    assertThat(waits).hasSize(4);
    // Throttled back-offs start at the throttled base and double (equal jitter: [cap/2, cap]).
    long[] caps = {40, 80, 160, 200};
    for (int i = 0; i < caps.length; i++) {
      assertThat(waits.get(i).toNanos())
          .as("back-off %d", i + 1)
          .isBetween(
              Duration.ofMillis(caps[i]).toNanos() / 2, Duration.ofMillis(caps[i]).toNanos());
    }
  }

  @Test
  void retriesStopWhenTheTimeBudgetIsSpent() {
    server.otherwise(Answer.THROTTLE_CALL);
    AtomicLong fakeNanos = new AtomicLong();
    RetryPolicy policy =
        new RetryPolicy(
            100,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(4),
            Duration.ofSeconds(10));
    FirehoseSink sink =
        new FirehoseSink(
            FirehoseClients.create(Region.US_EAST_1, server.endpoint()),
            STREAM,
            policy,
            new DeadLetterFile(deadLetterPath()),
            notices::add,
            wait -> {
              waits.add(wait);
              fakeNanos.addAndGet(wait.toNanos());
            },
            fakeNanos::get,
            1);

    SinkStats stats = sendAll(sink, records(5));

    assertThat(stats.deadLettered()).isEqualTo(5);
    Duration waited = waits.stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(waited).isLessThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(server.calls()).isBetween(3, 8);
  }

  @Test
  void batchesHoldAtMost500RecordsAnd4MiB() {
    List<LogRecord> small = records(1_234);
    String padding = "x".repeat(20_000);
    List<LogRecord> large = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      large.add(new LogRecord(0, "{\"i\":" + i + ",\"pad\":\"" + padding + "\"}"));
    }

    sendAll(sink(QUICK), small);
    List<Integer> smallBatches = server.batchSizes();
    FirehoseSink second = sink(QUICK);
    sendAll(second, large);

    assertThat(smallBatches).containsExactly(500, 500, 234);
    List<Long> bytes = server.batchBytes();
    List<Integer> sizes = server.batchSizes();
    assertThat(bytes).allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(4L << 20));
    assertThat(sizes.subList(3, sizes.size())).hasSizeGreaterThanOrEqualTo(3);
    assertThat(server.accepted()).hasSize(1_234 + 450);
  }

  @Test
  void aRecordOverFirehosesLimitIsRefusedWithAMessageAndKeptNotSent() throws IOException {
    String huge = "{\"pad\":\"" + "y".repeat(FirehoseSink.MAX_RECORD_BYTES) + "\"}";
    List<LogRecord> sent = new ArrayList<>(records(3));
    sent.add(1, new LogRecord(0, huge));

    SinkStats stats = sendAll(sink(QUICK), sent);

    assertThat(server.accepted()).hasSize(3).noneMatch(data -> data.contains("yyyy"));
    assertThat(stats.deadLettered()).isEqualTo(1);
    assertThat(notices)
        .singleElement()
        .asString()
        .contains("over Firehose's limit of 1024000")
        .contains(deadLetterPath().toString());
    assertThat(Files.readString(deadLetterPath())).contains("record_too_large");
  }

  @Test
  void anUnknownStreamFailsWithAHintAndKeepsTheBatch() throws IOException {
    server.otherwise(Answer.STREAM_NOT_FOUND);
    FirehoseSink sink = sink(QUICK);
    for (LogRecord record : records(20)) {
      sink.send(record);
    }

    assertThatThrownBy(sink::flush)
        .isInstanceOf(LoglakeException.class)
        .hasMessageStartingWith("Cannot put records to Firehose stream " + STREAM)
        .satisfies(
            e ->
                assertThat(((LoglakeException) e).hint())
                    .contains("check --stream")
                    .contains(deadLetterPath().toString()));
    sink.close();
    assertThat(server.calls()).as("not retried").isEqualTo(1);
    assertThat(Files.readAllLines(deadLetterPath())).hasSize(20);
    assertThatThrownBy(() -> sink.send(records(1).get(0)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anUnknownHostStopsAtOnceWithoutRetriesAndKeepsTheBatch() throws IOException {
    FirehoseSink sink =
        sink(
            FirehoseClients.create(Region.US_EAST_1, URI.create("http://no-such-host.invalid")),
            QUICK);
    for (LogRecord record : records(20)) {
      sink.send(record);
    }

    assertThatThrownBy(sink::flush)
        .isInstanceOfSatisfying(
            LoglakeException.class,
            e -> {
              assertThat(e.getMessage()).contains("unknown host no-such-host.invalid");
              assertThat(e.hint()).contains("--endpoint-url").contains(deadLetterPath().toString());
            });
    sink.close();
    assertThat(waits).as("back-offs").isEmpty();
    assertThat(Files.readAllLines(deadLetterPath())).hasSize(20);
  }

  @Test
  void credentialsThatCannotBeLoadedStopAtOnceWithAHint() throws IOException {
    AwsCredentialsProvider none =
        AwsCredentialsProviderChain.of(
            () -> {
              throw SdkClientException.create("no credentials in this test");
            });
    FirehoseSink sink =
        sink(FirehoseClients.create(Region.US_EAST_1, server.endpoint(), none), QUICK);
    for (LogRecord record : records(5)) {
      sink.send(record);
    }

    assertThatThrownBy(sink::flush)
        .isInstanceOfSatisfying(
            LoglakeException.class, e -> assertThat(e.hint()).contains("provide AWS credentials"));
    sink.close();
    assertThat(waits).as("back-offs").isEmpty();
    assertThat(server.calls()).isZero();
    assertThat(Files.readAllLines(deadLetterPath())).hasSize(5);
  }

  @Test
  void theRecordWhoseArrivalSentAFailingFullBatchIsDeadLetteredToo() throws IOException {
    server.otherwise(Answer.STREAM_NOT_FOUND);
    FirehoseSink sink = sink(QUICK);
    List<LogRecord> sent = records(FirehoseSink.MAX_BATCH_RECORDS + 1);
    for (LogRecord record : sent.subList(0, FirehoseSink.MAX_BATCH_RECORDS)) {
      sink.send(record);
    }

    assertThatThrownBy(() -> sink.send(sent.get(FirehoseSink.MAX_BATCH_RECORDS)))
        .isInstanceOfSatisfying(
            LoglakeException.class,
            e -> assertThat(e.hint()).contains("the 501 records not delivered are in"));
    sink.close();
    ObjectMapper json = new ObjectMapper();
    List<String> saved = new ArrayList<>();
    for (String line : Files.readAllLines(deadLetterPath())) {
      saved.add(json.readTree(line).get("record").asText());
    }
    assertThat(saved).isEqualTo(sent.stream().map(LogRecord::json).toList());
  }

  @Test
  void aGiveUpNoticeCountsOurAttemptsOnly() {
    server.otherwise(Answer.THROTTLE_CALL);

    sendAll(sink(QUICK.withMaxAttempts(2)), records(3));

    assertThat(notices)
        .singleElement()
        .asString()
        .contains("after 2 attempts")
        .doesNotContain("SDK Attempt Count");
  }

  @Test
  void aPartialBatchGoesOutOnceItsFirstRecordIsALingerOld() {
    AtomicLong fakeNanos = new AtomicLong();
    FirehoseSink sink =
        new FirehoseSink(
            FirehoseClients.create(Region.US_EAST_1, server.endpoint()),
            STREAM,
            QUICK,
            new DeadLetterFile(deadLetterPath()),
            notices::add,
            Sleeper.SYSTEM,
            fakeNanos::get,
            1,
            Duration.ofSeconds(1));
    List<LogRecord> sent = records(5);

    sink.send(sent.get(0));
    fakeNanos.addAndGet(Duration.ofMillis(600).toNanos());
    sink.send(sent.get(1));
    sink.deliverDue();
    assertThat(server.batchSizes()).as("600 ms after the first record").isEmpty();
    fakeNanos.addAndGet(Duration.ofMillis(400).toNanos());
    sink.deliverDue();
    assertThat(server.batchSizes()).as("a second after the first record").containsExactly(2);
    sink.send(sent.get(2));
    fakeNanos.addAndGet(Duration.ofMillis(1_000).toNanos());
    sink.send(sent.get(3));
    assertThat(server.batchSizes()).as("a record arriving after the linger").containsExactly(2, 1);
    sink.close();
    assertThat(server.batchSizes()).containsExactly(2, 1, 1);
  }

  private FirehoseSink sink(FirehoseClient client, RetryPolicy policy) {
    return new FirehoseSink(
        client,
        STREAM,
        policy,
        new DeadLetterFile(deadLetterPath()),
        notices::add,
        wait -> {
          waits.add(wait);
          Sleeper.SYSTEM.sleep(wait);
        },
        System::nanoTime,
        11);
  }

  private FirehoseSink sink(RetryPolicy policy) {
    return new FirehoseSink(
        FirehoseClients.create(Region.US_EAST_1, server.endpoint()),
        STREAM,
        policy,
        new DeadLetterFile(deadLetterPath()),
        notices::add,
        wait -> {
          waits.add(wait);
          Sleeper.SYSTEM.sleep(wait);
        },
        System::nanoTime,
        11);
  }

  private Path deadLetterPath() {
    return temp.resolve("dead-letter").resolve("firehose.ndjson");
  }

  private static SinkStats sendAll(RecordSink sink, List<LogRecord> records) {
    try (sink) {
      for (LogRecord record : records) {
        sink.send(record);
      }
    }
    return sink.stats();
  }

  private static List<LogRecord> records(int count) {
    List<LogRecord> records = new ArrayList<>();
    new LogGenerator(3, EventSchedule.atDefaultRate(START, count)).forEachRemaining(records::add);
    return records;
  }

  private static List<String> lines(List<LogRecord> records) {
    return records.stream().map(record -> record.json() + "\n").toList();
  }
}
