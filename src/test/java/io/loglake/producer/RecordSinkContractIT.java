package io.loglake.producer;

import io.loglake.schema.RawZoneLayout;
import io.loglake.testing.KafkaTestBroker;
import io.loglake.testing.S3TestServer;
import io.loglake.testing.SystemProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/** {@link RecordSinkContract} on the sinks that need a server process: s3 (S3Proxy) and kafka. */
class RecordSinkContractIT {
  /** The S3 store takes the SDK's default credentials chain; system properties are in it. */
  @RegisterExtension
  static final SystemProperties credentials =
      SystemProperties.awsCredentials(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);

  private static final AtomicInteger destinations = new AtomicInteger();

  @TempDir static Path serverDir;
  private static S3TestServer s3;
  private static KafkaTestBroker kafka;

  @BeforeAll
  static void startServers() throws Exception {
    s3 = S3TestServer.start(serverDir.resolve("s3"));
    kafka = KafkaTestBroker.start(serverDir.resolve("kafka"));
  }

  @AfterAll
  static void stopServers() {
    if (kafka != null) {
      kafka.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Nested
  class S3 extends RecordSinkContract {
    @TempDir Path temp;
    private String bucket;

    private S3Sink sink(String bucket) {
      return S3Sink.forGeneratedData(
          new S3RawObjectStore(bucket, "raw/", Region.US_EAST_1, s3.endpoint(), true, 8),
          RawZoneLayout.defaults(),
          BufferingHints.DEFAULT,
          7,
          new DeadLetterFile(temp.resolve(bucket + "-dead.ndjson")),
          notice -> {});
    }

    @Override
    RecordSink newSink() {
      bucket = "contract-" + destinations.incrementAndGet();
      s3.createBucket(bucket);
      return sink(bucket);
    }

    @Override
    List<String> delivered(int expected) {
      List<String> lines = new ArrayList<>();
      for (String key : s3.keys(bucket)) {
        try (GZIPInputStream in =
            new GZIPInputStream(new ByteArrayInputStream(s3.object(bucket, key)))) {
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return lines;
    }

    @Override
    RecordSink brokenSink() {
      return sink("no-such-bucket");
    }

    @Override
    String brokenDestination() {
      return "s3://no-such-bucket/raw/";
    }
  }

  @Nested
  class Kafka extends RecordSinkContract {
    @TempDir Path temp;
    private String topic;

    @Override
    RecordSink newSink() {
      topic = "contract-" + destinations.incrementAndGet();
      return new KafkaSink(
          kafka.bootstrapServers(),
          topic,
          Map.of(),
          new DeadLetterFile(temp.resolve(topic + "-dead.ndjson")),
          notice -> {});
    }

    @Override
    List<String> delivered(int expected) {
      return kafka.consume(topic, expected).stream().map(ConsumerRecord::value).toList();
    }

    /**
     * A topic whose metadata cannot arrive in time: with {@code max.block.ms} at 1 ms the first
     * send of a new topic (which the broker has yet to create) times out, the failure Kafka's sink
     * treats as fatal (every later record would wait as long).
     */
    @Override
    RecordSink brokenSink() {
      topic = "contract-unready-" + destinations.incrementAndGet();
      return new KafkaSink(
          kafka.bootstrapServers(),
          topic,
          Map.of("max.block.ms", "1"),
          new DeadLetterFile(temp.resolve(topic + "-dead.ndjson")),
          notice -> {});
    }

    @Override
    String brokenDestination() {
      return "Kafka topic " + topic;
    }

    /** Kafka keeps the order of one key's records, and the key is the service. */
    @Override
    String orderGroup(LogRecord record) {
      return record.service();
    }

    /** A message's value is the JSON text alone. */
    @Override
    int newlineBytes() {
      return 0;
    }
  }
}
