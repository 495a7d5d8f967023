package io.loglake.cli.produce;

import io.loglake.cli.UsageErrors;
import io.loglake.producer.BufferingHints;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --buffer-size} and {@code --buffer-interval}: when a raw-zone sink delivers an object. */
public final class BufferOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--buffer-size",
      paramLabel = "BYTES",
      description =
          "--sink s3 and local: deliver an object when this many uncompressed bytes are buffered"
              + " (default: 1048576).")
  Long bufferSize;

  @Option(
      names = "--buffer-interval",
      paramLabel = "SECONDS",
      description = "...or when a record arrives this long after the object's first (default: 60).")
  Long bufferInterval;

  /** {@link BufferingHints#DEFAULT} with the values given. */
  public BufferingHints hints() {
    BufferingHints hints = BufferingHints.DEFAULT;
    if (bufferSize != null) {
      BufferingHints current = hints;
      hints =
          UsageErrors.validated(
              command,
              () -> current.withSizeBytes(bufferSize),
              "Cannot use --buffer-size " + bufferSize);
    }
    if (bufferInterval != null) {
      BufferingHints current = hints;
      hints =
          UsageErrors.validated(
              command,
              () -> current.withInterval(Duration.ofSeconds(bufferInterval)),
              "Cannot use --buffer-interval " + bufferInterval);
    }
    return hints;
  }
}
