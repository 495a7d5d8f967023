package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProduceSummaryTest {
  private static final Path DEAD_LETTER = Path.of("/tmp/dead.ndjson");

  @Test
  void countsAreSingularForOne() {
    ProduceSummary one = new ProduceSummary(1, new SinkStats(1, 1, 120, 90), Duration.ofSeconds(2));

    assertThat(one.describe())
        .isEqualTo(
            "Produced 1 record into 1 object: 120 bytes (90 bytes stored) in 2.0 s (0.5 records/s)");
  }

  @Test
  void aRunThatDeliveredNothingSaysSoInsteadOfZeroBytesAndARate() {
    ProduceSummary none =
        new ProduceSummary(3, new SinkStats(0, 0, 0, 0, 27, 3), Duration.ofMillis(1_500));

    assertThat(none.describe("to Firehose stream s", true, DEAD_LETTER))
        .isEqualTo(
            "Produced 3 records in 1.5 s to Firehose stream s: nothing delivered; 27 retried,"
                + " 3 dead-lettered (in /tmp/dead.ndjson)");
  }

  @Test
  void aRunThatDeliveredSomeCountsEachOutcome() {
    ProduceSummary some =
        new ProduceSummary(4, new SinkStats(3, 1, 300, 300, 1, 1), Duration.ofSeconds(1));

    assertThat(some.describe("to Kafka topic t", true, DEAD_LETTER))
        .isEqualTo(
            "Produced 4 records into 1 object: 300 bytes in 1.0 s (4.0 records/s) to Kafka topic t;"
                + " 3 delivered, 1 retried, 1 dead-lettered (in /tmp/dead.ndjson)");
  }
}
