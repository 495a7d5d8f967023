package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.cli.Main;
import io.loglake.producer.FirehoseTestServer.Answer;
import io.loglake.testing.KafkaTestBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loglake produce} end to end against local Firehose and Kafka servers. */
class ProduceCommandIT {
  @TempDir Path temp;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeAll
  static void credentialsForTheDefaultChain() {
    System.setProperty("aws.accessKeyId", "test-access-key");
    System.setProperty("aws.secretAccessKey", "test-secret-key");
  }

  @BeforeEach
  void captureOutput() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOutput() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void producesToFirehoseWithFaultsAndReportsTheCounts() throws Exception {
    try (FirehoseTestServer server = new FirehoseTestServer()) {
      server.answer(Answer.PARTIAL_FAILURE, Answer.DROP_CONNECTION);
      Path deadLetter = temp.resolve("dead.ndjson");

      int exit =
          Main.execute(
              "produce",
              "--sink", "firehose",
              "--stream", "app-stream",
              "--region", "us-east-1",
              "--endpoint-url", server.endpoint().toString(),
              "--records", "1200",
              "--rate", "0",
              "--duplicate-fraction", "0.01",
              "--malformed-fraction", "0.01",
              "--dead-letter", deadLetter.toString());

      String out = stdout.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(server.streams()).containsOnly("app-stream");
      int expected = 1200 + duplicates(out);
      assertThat(server.accepted()).hasSize(expected);
      assertThat(new HashSet<>(server.accepted())).hasSizeLessThan(expected);
      assertThat(out)
          .startsWith("Produced " + expected + " records")
          .contains("to Firehose stream app-stream; " + expected + " delivered, ")
          .contains(" 0 dead-lettered")
          .containsPattern("faults: 0 late, \\d+ duplicated, \\d+ malformed");
      assertThat(Files.exists(deadLetter)).isFalse();
    }
  }

  @Test
  void producesToKafka() {
    try (KafkaTestBroker broker = KafkaTestBroker.start(temp.resolve("broker"))) {
      int exit =
          Main.execute(
              "produce",
              "--sink", "kafka",
              "--bootstrap-servers", broker.bootstrapServers(),
              "--topic", "logs",
              "--records", "500",
              "--rate", "0");

      assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(stdout.toString(StandardCharsets.UTF_8))
          .startsWith("Produced 500 records")
          .contains("to Kafka topic logs; 500 delivered, ")
          .contains(" 0 dead-lettered");
    }
  }

  @Test
  void aDurationEndsAPacedRun() {
    long started = System.nanoTime();

    int exit =
        Main.execute("produce", "--sink", "stdout", "--rate", "20", "--duration", "2s");

    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(exit).isZero();
    assertThat(seconds).isBetween(1.9, 6.0);
    // 20/s for 2 s: about 40 (a loose bound; bench/produce-rate.sh measures the rate).
    assertThat(stdout.toString(StandardCharsets.UTF_8).lines().count()).isBetween(30L, 45L);
  }

  private static int duplicates(String summary) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+) duplicated").matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
