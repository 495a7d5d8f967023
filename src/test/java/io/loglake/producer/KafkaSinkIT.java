package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.KafkaTestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka sink against a real KRaft broker started in this JVM on 127.0.0.1. */
class KafkaSinkIT {
  @TempDir static Path brokerDir;
  @TempDir Path temp;

  private static KafkaTestBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaTestBroker.start(brokerDir);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyRecordLandsOnceKeyedByItsServiceInSendOrderPerService() {
    List<LogRecord> sent = new ArrayList<>();
    new LogGenerator(5, EventSchedule.atDefaultRate(Instant.parse("2025-11-09T00:00:00Z"), 3_000))
        .forEachRemaining(sent::add);
    Path deadLetter = temp.resolve("dead.ndjson");
    KafkaSink sink =
        new KafkaSink(
            broker.bootstrapServers(),
            "app-logs",
            Map.of(),
            new DeadLetterFile(deadLetter),
            notice -> {
              throw new AssertionError("unexpected notice: " + notice);
            });

    try (sink) {
      sent.forEach(sink::send);
      sink.flush();
      assertThat(sink.stats().records()).isEqualTo(3_000);
    }

    List<ConsumerRecord<String, String>> received = broker.consume("app-logs", 3_000);
    assertThat(received).hasSize(3_000);
    assertThat(received)
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(LogRecord::json).toList());
    Map<String, List<String>> sentByService = new HashMap<>();
    for (LogRecord record : sent) {
      sentByService.computeIfAbsent(record.service(), s -> new ArrayList<>()).add(record.json());
    }
    Map<String, List<String>> receivedByKey = new HashMap<>();
    Map<String, Set<Integer>> partitionsByKey = new HashMap<>();
    for (ConsumerRecord<String, String> record : received) {
      assertThat(record.value()).contains("\"service\":\"" + record.key() + "\"");
      receivedByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
      partitionsByKey
          .computeIfAbsent(record.key(), k -> new java.util.HashSet<>())
          .add(record.partition());
    }
    assertThat(receivedByKey).isEqualTo(sentByService);
    assertThat(partitionsByKey.values()).allSatisfy(p -> assertThat(p).hasSize(1));
    assertThat(Files.exists(deadLetter)).isFalse();
  }

  @Test
  void theProducerIsIdempotentWithAcksAll() {
    Properties settings = KafkaSink.settings("127.0.0.1:1", Map.of("acks", "0", "linger.ms", 5));
    assertThat(settings.get("enable.idempotence")).isEqualTo(true);
    assertThat(settings.get("acks")).isEqualTo("all");
    assertThat(settings.get("linger.ms")).isEqualTo(5);
  }

  @Test
  void recordsTheClientGivesUpOnAreDeadLetteredNotDropped() throws Exception {
    Path deadLetter = temp.resolve("dead.ndjson");
    List<String> notices = new ArrayList<>();
    // A topic name Kafka refuses: every send fails in the client's callback.
    KafkaSink sink =
        new KafkaSink(
            broker.bootstrapServers(),
            "bad topic!",
            Map.of(
                "max.block.ms", 5_000, "delivery.timeout.ms", 5_000, "request.timeout.ms", 4_000),
            new DeadLetterFile(deadLetter),
            notices::add);

    List<LogRecord> sent = new ArrayList<>();
    new LogGenerator(6, EventSchedule.atDefaultRate(Instant.parse("2025-11-09T00:00:00Z"), 3))
        .forEachRemaining(sent::add);
    Throwable failure = null;
    try (sink) {
      for (LogRecord record : sent) {
        sink.send(record);
      }
      sink.flush();
    } catch (io.loglake.LoglakeException e) {
      failure = e;
    }

    List<String> letters = Files.readAllLines(deadLetter);
    assertThat(failure).as("a refused record is not a broken sink").isNull();
    assertThat(sink.stats().records()).isZero();
    assertThat(letters).as("notices: %s", notices).hasSize(3);
    assertThat(sink.stats().deadLettered()).isEqualTo(3);
    assertThat(notices).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(letters.get(i)).contains("\"sink\":\"kafka\"").contains(eventId(sent.get(i)));
    }
  }

  private static String eventId(LogRecord record) {
    String json = record.json();
    return json.substring(json.length() - 38, json.length() - 2);
  }
}
