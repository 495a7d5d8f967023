package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.producer.FirehoseTestServer;
import io.loglake.producer.FirehoseTestServer.Answer;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.ClosedPort;
import io.loglake.testing.KafkaTestBroker;
import io.loglake.testing.SystemProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
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

    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(exit).isZero();
    assertThat(seconds).isBetween(1.9, 6.0);
    // 20/s for 2 s: about 40 (a loose bound; bench/produce-rate.sh measures the rate).
    assertThat(output.stdout().lines().count()).isBetween(30L, 45L);
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

  private static int duplicates(String summary) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+) duplicated").matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
