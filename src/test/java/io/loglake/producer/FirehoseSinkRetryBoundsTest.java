package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;

/**
 * {@link FirehoseSink} with the production {@link RetryPolicy#DEFAULT} against a client whose every
 * call fails with a 5xx, on a fake clock that moves only when a call takes time or the sink waits:
 * the README's bounds (at most 10 attempts, within 2 minutes, 100 ms doubling to 10 s) hold without
 * the test waiting for them.
 */
class FirehoseSinkRetryBoundsTest {
  private static final LogRecord RECORD =
      new LogGenerator(
              3, new EventSchedule(Instant.parse("2025-11-09T00:00:00Z"), Duration.ZERO, 1))
          .next();

  @TempDir Path temp;

  private final AtomicLong nanos = new AtomicLong();
  private final List<Duration> waits = new ArrayList<>();
  private final List<Long> callStarts = new ArrayList<>();

  @Test
  void aBatchThatKeepsFailingIsTriedTenTimesThenDeadLettered() throws IOException {
    FirehoseSink sink = sink(Duration.ofMillis(5));

    sink.send(RECORD);
    sink.flush();

    assertThat(callStarts).hasSize(10);
    assertThat(waits).hasSize(9);
    // The cap of each wait: 100 ms doubling, at most 10 s; each wait is in [cap/2, cap].
    long[] capsMillis = {100, 200, 400, 800, 1600, 3200, 6400, 10000, 10000};
    for (int i = 0; i < capsMillis.length; i++) {
      assertThat(waits.get(i).toMillis())
          .as("wait %d of %s", i + 1, waits)
          .isBetween(capsMillis[i] / 2, capsMillis[i]);
    }
    assertThat(sink.stats().deadLettered()).isEqualTo(1);
    assertThat(sink.stats().retried()).isEqualTo(9);
    sink.close();
    List<String> deadLetters = Files.readAllLines(deadLetterPath(), StandardCharsets.UTF_8);
    assertThat(deadLetters).hasSize(1);
    var deadLetter = new ObjectMapper().readTree(deadLetters.get(0));
    assertThat(deadLetter.get("attempts").asInt()).isEqualTo(10);
    assertThat(deadLetter.get("record").asText()).isEqualTo(RECORD.json());
  }

  @Test
  void noRetryStartsMoreThanTwoMinutesAfterTheFirstAttempt() {
    // Each call takes 50 s: attempts start at 0 s, ~50.1 s and ~100.3 s; a fourth would start
    // after 150 s, past the 2 minutes, so the sink gives up after three.
    FirehoseSink sink = sink(Duration.ofSeconds(50));

    sink.send(RECORD);
    sink.flush();

    assertThat(callStarts).hasSize(3);
    assertThat(callStarts.get(callStarts.size() - 1))
        .isLessThanOrEqualTo(Duration.ofMinutes(2).toNanos());
    assertThat(sink.stats().deadLettered()).isEqualTo(1);
    sink.close();
  }

  /** A sink on the fake clock whose client fails every call after {@code callTime}. */
  private FirehoseSink sink(Duration callTime) {
    return new FirehoseSink(
        new FailingClient(callTime),
        "stream",
        RetryPolicy.DEFAULT,
        new DeadLetterFile(deadLetterPath()),
        notice -> {},
        wait -> {
          waits.add(wait);
          nanos.addAndGet(wait.toNanos());
        },
        nanos::get,
        7);
  }

  private Path deadLetterPath() {
    return temp.resolve("dead.ndjson");
  }

  /** Answers every PutRecordBatch with HTTP 500 after {@code callTime} on the fake clock. */
  private final class FailingClient implements FirehoseClient {
    private final Duration callTime;

    FailingClient(Duration callTime) {
      this.callTime = callTime;
    }

    @Override
    public PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request) {
      callStarts.add(nanos.get());
      nanos.addAndGet(callTime.toNanos());
      throw (FirehoseException)
          FirehoseException.builder()
              .statusCode(500)
              .message("scripted failure")
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("InternalFailure")
                      .errorMessage("scripted failure")
                      .build())
              .build();
    }

    @Override
    public String serviceName() {
      return "firehose";
    }

    @Override
    public void close() {}
  }
}
