package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSinkTest {
  @TempDir Path temp;

  /** As KafkaProducer answers when the topic's metadata does not come within max.block.ms. */
  private static final class NoMetadataProducer extends MockProducer<String, String> {
    NoMetadataProducer() {
      super(true, new StringSerializer(), new StringSerializer());
    }

    @Override
    public synchronized Future<RecordMetadata> send(
        ProducerRecord<String, String> record, Callback callback) {
      TimeoutException timeout =
          new TimeoutException(
              "Topic " + record.topic() + " not present in metadata after 15000 ms.");
      callback.onCompletion(null, timeout);
      return CompletableFuture.failedFuture(timeout);
    }
  }

  @Test
  void aTopicWithoutMetadataStopsTheRunAtTheFirstRecordAndDeadLettersIt() throws IOException {
    Path deadLetter = temp.resolve("dead.ndjson");
    List<String> notices = new ArrayList<>();
    KafkaSink sink =
        new KafkaSink(
            new NoMetadataProducer(),
            "127.0.0.1:9092",
            "logs",
            new DeadLetterFile(deadLetter),
            notices::add);
    List<LogRecord> records = new ArrayList<>();
    new LogGenerator(1, EventSchedule.atDefaultRate(Instant.parse("2025-11-09T00:00:00Z"), 3))
        .forEachRemaining(records::add);

    assertThatThrownBy(() -> sink.send(records.get(0)))
        .isInstanceOfSatisfying(
            LoglakeException.class,
            e -> {
              assertThat(e.getMessage()).contains("not present in metadata");
              assertThat(e.hint()).contains("check --topic logs").contains(deadLetter.toString());
            });
    sink.close();
    String first = records.get(0).json();
    assertThat(Files.readAllLines(deadLetter))
        .singleElement()
        .asString()
        .contains(first.substring(first.length() - 38, first.length() - 2));
    assertThatThrownBy(() -> sink.send(records.get(1))).isInstanceOf(IllegalStateException.class);
  }
}
