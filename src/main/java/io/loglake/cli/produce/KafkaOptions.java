package io.loglake.cli.produce;

import io.loglake.cli.UsageErrors;
import io.loglake.producer.DeadLetterFile;
import io.loglake.producer.KafkaSink;
import io.loglake.producer.RecordSink;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --sink kafka}: one message per record on a topic. */
public final class KafkaOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT,...",
      description = "Kafka brokers for --sink kafka (for MSK: the cluster's bootstrap brokers).")
  String bootstrapServers;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "Kafka topic for --sink kafka.")
  String topic;

  /**
   * @param notices told, one line each, about records dead-lettered
   */
  public RecordSink sink(Path deadLetter, Consumer<String> notices) {
    if (bootstrapServers == null
        || bootstrapServers.isBlank()
        || topic == null
        || topic.isBlank()) {
      throw UsageErrors.of(
          command,
          "Cannot write to --sink kafka: --bootstrap-servers HOST:PORT and --topic TOPIC are"
              + " required");
    }
    if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
      throw UsageErrors.of(
          command,
          "Cannot use --topic '"
              + topic
              + "': a Kafka topic is 1 to 249 letters, digits, '.', '_'"
              + " or '-'");
    }
    try {
      return new KafkaSink(
          bootstrapServers, topic, Map.of(), new DeadLetterFile(deadLetter), notices);
    } catch (KafkaException e) {
      throw UsageErrors.of(
          command, "Cannot use --bootstrap-servers " + bootstrapServers + ": " + e.getMessage());
    }
  }

  /** Where the summary says the records went. */
  public String destination() {
    return "to Kafka topic " + topic;
  }
}
