package io.loglake.producer;

import io.loglake.LoglakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Kafka topic (Amazon MSK or any broker): each record is one message whose value is the record's
 * JSON text (no newline) and whose key is its service, so one service's records keep their order
 * in one partition. The producer is idempotent with {@code acks=all}: a retried send is written
 * once, and a message counts as delivered only when every in-sync replica has it.
 *
 * <p>The Kafka client retries failed sends itself until {@code delivery.timeout.ms} (default here 2
 * minutes) runs out; a record it gives up on is written to the {@link DeadLetterFile} and counted,
 * never dropped. {@link #flush} waits until every record sent is acknowledged or dead-lettered.
 * Follows the {@link RecordSink} contract; a failure to reach the brokers at all (no metadata
 * within {@code max.block.ms}) dead-letters the record and throws a {@link LoglakeException}.
 */
public final class KafkaSink implements RecordSink {
  private static final String SINK_NAME = "kafka";

  private final Producer<String, String> producer;
  private final String topic;
  private final String servers;
  private final DeadLetterFile deadLetters;
  private final Consumer<String> notices;

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong deliveredBytes = new AtomicLong();
  private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
  private long deadLettered;
  private boolean closed;
  private boolean failed;

  private record Failure(LogRecord record, String reason) {}

  /**
   * @param extra further producer settings (e.g. security for MSK); they cannot turn idempotence or
   *     {@code acks=all} off
   */
  public KafkaSink(
      String bootstrapServers,
      String topic,
      Map<String, Object> extra,
      DeadLetterFile deadLetters,
      Consumer<String> notices) {
    this(new KafkaProducer<>(settings(bootstrapServers, extra)), bootstrapServers, topic,
        deadLetters, notices);
  }

  KafkaSink(
      Producer<String, String> producer,
      String bootstrapServers,
      String topic,
      DeadLetterFile deadLetters,
      Consumer<String> notices) {
    this.producer = producer;
    this.servers = bootstrapServers;
    this.topic = topic;
    this.deadLetters = deadLetters;
    this.notices = notices;
  }

  /** The producer settings this sink uses. */
  static Properties settings(String bootstrapServers, Map<String, Object> extra) {
    Properties settings = new Properties();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "loglake-produce");
    settings.putAll(extra);
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return settings;
  }

  @Override
  public void send(LogRecord record) {
    requireUsable();
    deadLetterFailures();
    long size = record.json().getBytes(StandardCharsets.UTF_8).length;
    try {
      producer.send(
          new ProducerRecord<>(topic, record.service(), record.json()),
          (metadata, error) -> {
            if (error == null) {
              delivered.incrementAndGet();
              deliveredBytes.addAndGet(size);
            } else {
              failures.add(new Failure(record, describe(error)));
            }
          });
    } catch (KafkaException e) {
      deadLetter(record, describe(e));
      failed = true;
      throw new LoglakeException(
          "Cannot send records to Kafka topic " + topic + " at " + servers + ": " + describe(e),
          "check --bootstrap-servers and that the brokers are reachable and the topic exists (or"
              + " may be created); the record is in "
              + deadLetters.path(),
          e);
    }
  }

  @Override
  public void flush() {
    requireUsable();
    producer.flush();
    deadLetterFailures();
  }

  @Override
  public SinkStats stats() {
    return new SinkStats(
        delivered.get(), 0, deliveredBytes.get(), deliveredBytes.get(), retries(), deadLettered);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (!failed) {
        producer.flush();
      }
      producer.close();
      deadLetterFailures();
    } finally {
      closed = true;
      deadLetters.close();
    }
  }

  /** Record sends the client retried, from its {@code record-retry-total} metric. */
  private long retries() {
    for (Map.Entry<MetricName, ? extends Metric> metric : producer.metrics().entrySet()) {
      MetricName name = metric.getKey();
      if (name.name().equals("record-retry-total") && name.group().equals("producer-metrics")) {
        Object value = metric.getValue().metricValue();
        return value instanceof Number number ? number.longValue() : 0;
      }
    }
    return 0;
  }

  private void deadLetterFailures() {
    Failure failure;
    while ((failure = failures.poll()) != null) {
      notices.accept(
          "Cannot deliver a record to Kafka topic "
              + topic
              + " ("
              + failure.reason()
              + "); written to "
              + deadLetters.path());
      deadLetter(failure.record(), failure.reason());
    }
  }

  private void deadLetter(LogRecord record, String reason) {
    try {
      deadLetters.write(SINK_NAME, record, reason, 1);
      deadLettered++;
    } catch (LoglakeException e) {
      failed = true;
      throw e;
    }
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private void requireUsable() {
    if (failed) {
      throw new IllegalStateException(
          "the Kafka sink for " + topic + " failed earlier and cannot be used");
    }
    if (closed) {
      throw new IllegalStateException("the Kafka sink for " + topic + " is closed");
    }
  }
}
