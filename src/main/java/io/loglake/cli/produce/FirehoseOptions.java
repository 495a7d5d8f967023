package io.loglake.cli.produce;

import io.loglake.cli.AwsOptions;
import io.loglake.cli.DurationConverter;
import io.loglake.config.AwsEndpoints;
import io.loglake.producer.DeadLetterFile;
import io.loglake.producer.FirehoseClients;
import io.loglake.producer.FirehoseSink;
import io.loglake.producer.RecordSink;
import io.loglake.producer.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/** {@code --sink firehose}: {@code PutRecordBatch} to a delivery stream. */
public final class FirehoseOptions implements ExplainsScope {
  @Option(
      names = "--linger",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "--sink firehose: send a partial batch once its first record has waited this long, e.g."
              + " 1s, 200ms; 0s waits for a full batch (default: 1s).")
  Duration linger;

  /**
   * @param notices told, one line each, about refused records and records dead-lettered
   */
  public RecordSink sink(
      StreamOption stream, AwsOptions aws, Path deadLetter, Consumer<String> notices) {
    stream.layout();
    Region region = aws.regionOrDefault();
    URI endpoint = AwsEndpoints.fromEnvironment().endpoint("FIREHOSE", aws.endpointUrl());
    return new FirehoseSink(
        FirehoseClients.create(region, endpoint),
        stream.name(),
        RetryPolicy.DEFAULT,
        new DeadLetterFile(deadLetter),
        notices,
        linger != null ? linger : FirehoseSink.DEFAULT_LINGER);
  }

  /** Where the summary says the records went. */
  public String destination(StreamOption stream) {
    return "to Firehose stream " + stream.name();
  }

  @Override
  public String onlyFor(String sinks) {
    return "it applies to --sink "
        + sinks
        + " only (Kafka lingers 20 ms; the raw-zone sinks use --buffer-interval)";
  }
}
