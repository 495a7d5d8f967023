package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.producer.FirehoseTestServer;
import io.loglake.producer.FirehoseTestServer.Answer;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.ClosedPort;
import io.loglake.testing.KafkaTestBroker;
import io.loglake.testing.SystemProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code loglake produce} end to end against local Firehose and Kafka servers. */
class ProduceCommandIT {
  /** The code under test takes the SDK's default credentials chain; system properties are in it. */
  @RegisterExtension
  static final SystemProperties credentials =
      SystemProperties.awsCredentials("test-access-key", "test-secret-key");

  @TempDir Path temp;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @Test
  void producesToFirehoseWithFaultsAndReportsTheCounts() throws Exception {
    try (FirehoseTestServer server = new FirehoseTestServer()) {
      server.answer(Answer.PARTIAL_FAILURE, Answer.DROP_CONNECTION);
      Path deadLetter = temp.resolve("dead.ndjson");

      int exit =
          Main.execute(
              "produce",
              "--sink",
              "firehose",
              "--stream",
              "app-stream",
              "--region",
              "us-east-1",
              "--endpoint-url",
              server.endpoint().toString(),
              "--records",
              "1200",
              "--rate",
              "0",
              "--duplicate-fraction",
              "0.01",
              "--malformed-fraction",
              "0.01",
              "--dead-letter",
              deadLetter.toString());

      String out = output.stdout();
      assertThat(exit).as(output.stderr()).isZero();
      assertThat(server.streams()).containsOnly("app-stream");
      // What the server received: each of the 1200 generated records, plus the injected
      // duplicates (exact copies of well-formed records sent again), despite the failed and dropped
      // calls. The well-formed records are all distinct; two records cut short at the same early
      // point may read alike, so the malformed ones are counted, not compared.
      int delivered = server.accepted().size();
      int duplicated = delivered - 1200;
      assertThat(duplicated).isPositive();
      long malformed = server.accepted().stream().filter(line -> !isJson(line)).count();
      assertThat(malformed).isPositive();
      assertThat(
              new HashSet<>(server.accepted().stream().filter(ProduceCommandIT::isJson).toList()))
          .hasSize(1200 - (int) malformed);
      // The summary reports those counts.
      assertThat(out)
          .startsWith("Produced " + delivered + " records")
          .contains("to Firehose stream app-stream; " + delivered + " delivered, ")
          .contains(" 0 dead-lettered")
          .contains("faults: 0 late, " + duplicated + " duplicated, " + malformed + " malformed");
      assertThat(Files.exists(deadLetter)).isFalse();
    }
  }

  @Test
  void producesToKafka() {
    try (KafkaTestBroker broker = KafkaTestBroker.start(temp.resolve("broker"))) {
      int exit =
          Main.execute(
              "produce",
              "--sink",
              "kafka",
              "--bootstrap-servers",
              broker.bootstrapServers(),
              "--topic",
              "logs",
              "--records",
              "500",
              "--rate",
              "0");

      assertThat(exit).as(output.stderr()).isZero();
      // What the topic holds, read back: the 500 generated records, each once.
      List<String> values =
          broker.consume("logs", 500).stream().map(ConsumerRecord::value).toList();
      assertThat(values).hasSize(500).doesNotHaveDuplicates();
      assertThat(values).allSatisfy(value -> assertThat(value).startsWith("{\"timestamp\":\""));
      assertThat(output.stdout())
          .startsWith("Produced 500 records")
          .contains("to Kafka topic logs; 500 delivered, ")
          .contains(" 0 dead-lettered");
    }
  }

  @Test
  void aDurationEndsAPacedRun() {
    long started = System.nanoTime();

    int exit = Main.execute("produce", "--sink", "stdout", "--rate", "20", "--duration", "2s");

    long elapsed = System.nanoTime() - started;
    assertThat(exit).as(output.stderr()).isZero();
    // Only bounds a busy machine cannot break: the run lasted at least its duration, and the pacing
    // let through at most one record per 50 ms of it (permits at 0, 50, ..., 1950 ms: 40, and 41
    // should the last permit's rounding land it just inside the deadline). A slow machine may send
    // fewer; bench/produce-rate.sh measures the rate itself.
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(output.stdout().lines().count()).isBetween(1L, 41L);
  }

  @Test
  void atALowRateAPartialFirehoseBatchGoesOutAfterTheLinger() throws Exception {
    try (FirehoseTestServer server = new FirehoseTestServer()) {
      int exit =
          Main.execute(
              "produce",
              "--sink",
              "firehose",
              "--region",
              "us-east-1",
              "--endpoint-url",
              server.endpoint().toString(),
              "--records",
              "30",
              "--rate",
              "20",
              "--linger",
              "200ms",
              "--dead-letter",
              temp.resolve("dead.ndjson").toString());

      assertThat(exit).as(output.stderr()).isZero();
      // 30 records in 1.5 s: without the linger one batch of 30 at the end of the run; with it,
      // partial batches along the way.
      assertThat(server.batchSizes()).hasSizeGreaterThan(1);
      assertThat(server.accepted()).hasSize(30);
    }
  }

  @Test
  void anUnreachableKafkaBrokerFailsFastNamingTheBootstrapServers() throws Exception {
    try (ClosedPort closed = new ClosedPort()) {
      String servers = "127.0.0.1:" + closed.port();

      int exit =
          Main.execute(
              "produce",
              "--sink",
              "kafka",
              "--bootstrap-servers",
              servers,
              "--topic",
              "logs",
              "--records",
              "3",
              "--dead-letter",
              temp.resolve("dead.ndjson").toString());

      assertThat(exit).as(output.stderr()).isEqualTo(Main.EXIT_FAILURE);
      assertThat(output.stderr())
          .contains("loglake: Cannot reach Kafka at " + servers)
          .contains("what to do: check --bootstrap-servers " + servers);
    }
  }

  @Test
  void aReaderThatStopsReadingEndsAStdoutRunQuietlyWithExitZero() throws Exception {
    // As `yes | head -n 3`: the pipeline's first command, whose reader went away, stops quietly.
    Path err = temp.resolve("stderr.txt");
    ProcessBuilder pipeline =
        new ProcessBuilder(
                "bash",
                "-c",
                "'"
                    + Path.of("scripts/loglake").toAbsolutePath()
                    + "' produce --sink stdout --rate 0 | head -n 3 > /dev/null;"
                    + " exit ${PIPESTATUS[0]}")
            .redirectError(err.toFile());
    pipeline.environment().put("LOGLAKE_HOME", temp.resolve("home").toString());
    pipeline.environment().put("LOGLAKE_NO_BUILD", "1");
    Process process = pipeline.start();
    assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(err)).isEmpty();
  }

  private static boolean isJson(String line) {
    try {
      new ObjectMapper().readTree(line);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
