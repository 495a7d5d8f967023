package io.loglake.producer;

import io.loglake.LoglakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Kafka topic (Amazon MSK or any broker): each record is one message whose value is the record's
 * JSON text (no newline) and whose key is its service, so one service's records keep their order in
 * one partition. The producer is idempotent with {@code acks=all}: a retried send is written once,
 * and a message counts as delivered only when every in-sync replica has it.
 *
 * <p>The Kafka client retries failed sends itself until {@code delivery.timeout.ms} (default here 2
 * minutes) runs out; a record it gives up on is written to the {@link DeadLetterFile} and counted,
 * never dropped. {@link #flush} waits until every record sent is acknowledged or dead-lettered.
 * Follows the {@link RecordSink} contract. Before the first record the sink checks that the brokers
 * answer (within {@value #REACHABLE_TIMEOUT_MS} ms), so an unreachable cluster fails at once with a
 * {@link LoglakeException} naming the bootstrap servers, before anything is generated; a send that
 * still cannot get the topic's metadata (within {@code max.block.ms}, {@value #MAX_BLOCK_MS} ms
 * here) dead-letters the record and throws.
 */
public final class KafkaSink implements RecordSink {
  private static final String SINK_NAME = "kafka";

  /** How long the up-front check waits for the cluster to answer. */
  static final int REACHABLE_TIMEOUT_MS = 10_000;

  /** How long a send may wait for metadata or buffer space before it fails. */
  static final int MAX_BLOCK_MS = 15_000;

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
   * @throws LoglakeException if the cluster does not answer within {@value #REACHABLE_TIMEOUT_MS}
   *     ms
   */
  public KafkaSink(
      String bootstrapServers,
      String topic,
      Map<String, Object> extra,
      DeadLetterFile deadLetters,
      Consumer<String> notices) {
    this(
        reachable(settings(bootstrapServers, extra)),
        bootstrapServers,
        topic,
        deadLetters,
        notices);
  }

  /**
   * A producer with {@code settings}, once the cluster has answered a metadata request: without the
   * check, every record would wait {@code max.block.ms} for metadata in turn and then fail.
   */
  private static Producer<String, String> reachable(Properties settings) {
    Properties admin = new Properties();
    settings.forEach(
        (key, value) -> {
          if (AdminClientConfig.configNames().contains(key.toString())) {
            admin.put(key, value);
          }
        });
    admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "loglake-produce-check");
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REACHABLE_TIMEOUT_MS);
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REACHABLE_TIMEOUT_MS);
    Object servers = settings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    try (Admin client = Admin.create(admin)) {
      client
          .describeCluster(new DescribeClusterOptions().timeoutMs(REACHABLE_TIMEOUT_MS))
          .clusterId()
          .get(REACHABLE_TIMEOUT_MS + 1_000L, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoglakeException(
          "Cannot reach Kafka at " + servers + ": interrupted", "run again", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new LoglakeException(
          "Cannot reach Kafka at "
              + servers
              + ": no broker answered within "
              + REACHABLE_TIMEOUT_MS / 1000
              + " s ("
              + describe(cause)
              + ")",
          "check --bootstrap-servers "
              + servers
              + " (host:port of the brokers' listener; for MSK the cluster's bootstrap brokers:"
              + " port 9092 plaintext, 9094 TLS) and that this machine can reach them"
              + " (security groups, VPN); nothing was generated",
          cause);
    }
    return new KafkaProducer<>(settings);
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
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
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
    Future<RecordMetadata> sent;
    try {
      sent =
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
    } catch (RuntimeException e) {
      deadLetter(record, describe(e));
      failed = true;
      throw new LoglakeException(
          "Cannot send records to Kafka topic " + topic + " at " + servers + ": " + describe(e),
          "check --bootstrap-servers and that the brokers are reachable and the topic exists (or"
              + " may be created); the record is in "
              + deadLetters.path(),
          e);
    }
    Throwable early = failedAtOnce(sent);
    if (early instanceof org.apache.kafka.common.errors.TimeoutException) {
      // No metadata (or buffer space) within max.block.ms: every later record would wait as long.
      deadLetterFailures();
      failed = true;
      throw new LoglakeException(
          "Cannot send records to Kafka topic " + topic + " at " + servers + ": " + describe(early),
          "check --topic "
              + topic
              + " (it must exist, or the brokers must create topics on first use) and the"
              + " brokers' health; the records not delivered are in "
              + deadLetters.path(),
          early);
    }
  }

  /** The failure of a send the client refused before queueing the record; null otherwise. */
  private static Throwable failedAtOnce(Future<RecordMetadata> sent) {
    if (!sent.isDone()) {
      return null;
    }
    try {
      sent.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
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

  private static String describe(Throwable e) {
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
