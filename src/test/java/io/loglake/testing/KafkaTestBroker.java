package io.loglake.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Time;

/**
 * One Kafka 3.9 node in KRaft mode (broker and controller in one), in this JVM, on 127.0.0.1 with
 * free ports and its logs under a given folder: what integration tests of Kafka producers and
 * sources talk to. Internal topics have one replica; topics are created on first use.
 */
public final class KafkaTestBroker implements AutoCloseable {
  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private KafkaTestBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /** Attempts at starting, each on two newly picked ports, before giving up. */
  private static final int ATTEMPTS = 5;

  /**
   * Formats a log folder under {@code dir}, starts the node and returns when it serves. The ports
   * must be written into the configuration before the node binds them, so they are picked free and
   * released first; when another process takes one in between, the node is started again on new
   * ports rather than failing the test.
   */
  public static KafkaTestBroker start(Path dir) {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(dir.resolve("attempt-" + attempt));
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS || !causedByBind(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static KafkaTestBroker startOnce(Path dir) {
    try {
      int brokerPort = freePort();
      int controllerPort = freePort();
      Path logs = Files.createDirectories(dir.resolve("kafka-logs"));
      Properties config = new Properties();
      config.put("process.roles", "broker,controller");
      config.put("node.id", "1");
      config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      config.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
      config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
      config.put("controller.listener.names", "CONTROLLER");
      config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      config.put("inter.broker.listener.name", "PLAINTEXT");
      config.put("log.dirs", logs.toString());
      config.put("num.partitions", "3");
      config.put("auto.create.topics.enable", "true");
      config.put("offsets.topic.replication.factor", "1");
      config.put("offsets.topic.num.partitions", "1");
      config.put("transaction.state.log.replication.factor", "1");
      config.put("transaction.state.log.min.isr", "1");
      config.put("group.initial.rebalance.delay.ms", "0");
      config.put("log.flush.interval.messages", "1");
      Path file = dir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(file)) {
        config.store(out, "loglake test broker");
      }
      ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
      int formatted =
          StorageTool.execute(
              new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", file.toString(), "-g"
              },
              new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
      if (formatted != 0) {
        throw new IllegalStateException(
            "kafka-storage format failed: " + formatOutput.toString(StandardCharsets.UTF_8));
      }
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
      try {
        server.startup();
      } catch (RuntimeException e) {
        stopQuietly(server, e);
        throw e;
      }
      return new KafkaTestBroker(server, "127.0.0.1:" + brokerPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * Every record of {@code topic} from its start, as a fresh consumer group reads it with {@code
   * read_committed}: polls until {@code expected} arrived (or 30 s passed), then once more, so that
   * records beyond the expected ones show up too.
   */
  public List<ConsumerRecord<String, String>> consume(String topic, int expected) {
    Properties settings = new Properties();
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + Uuid.randomUuid());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
      consumer.poll(Duration.ofMillis(500)).forEach(received::add);
    }
    return received;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static void stopQuietly(KafkaRaftServer server, RuntimeException failure) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
