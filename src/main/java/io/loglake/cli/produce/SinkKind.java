package io.loglake.cli.produce;

import io.loglake.cli.AwsOptions;
import java.util.List;
import java.util.Locale;

/**
 * The sinks of {@code loglake produce}, each with the option groups it reads. {@link SinkScope}
 * turns this table into the one rule for options of another sink: a group given on the command line
 * that the chosen sink does not read is a usage error.
 */
public enum SinkKind {
  FIREHOSE(FirehoseOptions.class, StreamOption.class, AwsOptions.class, DeadLetterOption.class),
  KAFKA(KafkaOptions.class, DeadLetterOption.class),
  S3(
      S3Options.class,
      StreamOption.class,
      BufferOptions.class,
      AwsOptions.class,
      DeadLetterOption.class),
  LOCAL(LocalOptions.class, StreamOption.class, BufferOptions.class),
  STDOUT;

  private final List<Class<?>> groups;

  SinkKind(Class<?>... groups) {
    this.groups = List.of(groups);
  }

  /** Whether this sink reads the options of {@code group} (an option group's instance). */
  public boolean reads(Object group) {
    return groups.stream().anyMatch(type -> type.isInstance(group));
  }

  /** The name on the command line: {@code --sink firehose}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
