package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  private static final Instant START = Instant.parse("2025-11-09T12:00:00Z");
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void injectsLateDuplicateAndMalformedRecordsAtAboutTheirFractions() throws Exception {
    FaultInjector faults =
        new FaultInjector(
            new LogGenerator(1, EventSchedule.atDefaultRate(START, 10_000)),
            new FaultInjector.Faults(0.1, 0.05, 0.02),
            1);
    List<LogRecord> out = new ArrayList<>();
    faults.forEachRemaining(out::add);

    FaultInjector.FaultCounts counts = faults.counts();
    assertThat(out).hasSize(10_000 + (int) counts.duplicated());
    assertThat(counts.late()).isBetween(850L, 1_150L);
    assertThat(counts.malformed()).isBetween(140L, 260L);
    assertThat(counts.duplicated()).isBetween(400L, 600L);

    int malformed = 0;
    int late = 0;
    Map<String, Integer> seen = new HashMap<>();
    for (LogRecord record : out) {
      JsonNode node;
      try {
        node = json.readTree(record.json());
      } catch (Exception e) {
        malformed++;
        assertThat(record.json()).doesNotContain("\n");
        continue;
      }
      Instant stamped = Instant.parse(node.get("timestamp").asText());
      assertThat(stamped.toEpochMilli()).isEqualTo(record.eventTimeMillis());
      if (record.eventTimeMillis() < record.scheduledMillis()) {
        late++;
        assertThat(record.scheduledMillis() - record.eventTimeMillis())
            .isBetween(3_600_000L, 7 * 3_600_000L);
      }
      seen.merge(node.get("event_id").asText(), 1, Integer::sum);
    }
    assertThat(malformed).isEqualTo((int) counts.malformed());
    // Late records that stayed parseable, duplicates of late ones included.
    assertThat(late)
        .isLessThanOrEqualTo((int) (counts.late() + counts.duplicated()))
        .isGreaterThan((int) counts.late() / 2);
    assertThat(seen.values().stream().filter(n -> n == 2).count())
        .as("event ids seen twice")
        .isEqualTo(counts.duplicated());
  }

  @Test
  void theSameSeedGivesTheSameFaults() {
    assertThat(run(3)).isEqualTo(run(3)).isNotEqualTo(run(4));
  }

  @Test
  void noFaultsLeavesTheRecordsAlone() {
    List<LogRecord> plain = new ArrayList<>();
    new LogGenerator(2, EventSchedule.atDefaultRate(START, 100)).forEachRemaining(plain::add);
    List<LogRecord> passed = new ArrayList<>();
    new FaultInjector(
            new LogGenerator(2, EventSchedule.atDefaultRate(START, 100)),
            FaultInjector.Faults.NONE,
            2)
        .forEachRemaining(passed::add);
    assertThat(passed).isEqualTo(plain);
  }

  private static List<String> run(long seed) {
    List<String> lines = new ArrayList<>();
    new FaultInjector(
            new LogGenerator(seed, EventSchedule.atDefaultRate(START, 500)),
            new FaultInjector.Faults(0.2, 0.2, 0.2),
            seed)
        .forEachRemaining(record -> lines.add(record.json()));
    return lines;
  }
}
