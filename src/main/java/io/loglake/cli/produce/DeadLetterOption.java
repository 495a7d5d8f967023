package io.loglake.cli.produce;

import io.loglake.config.LoglakeHome;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/** {@code --dead-letter}: where the sinks that retry put what they could not deliver. */
public final class DeadLetterOption implements ExplainsScope {
  @Option(
      names = "--dead-letter",
      paramLabel = "FILE",
      description =
          "Where records that cannot be delivered go, one JSON line each (default:"
              + " $LOGLAKE_HOME/dead-letter/produce-<sink>-<time>.ndjson, created only if needed).")
  Path deadLetter;

  /** The file given, else one under $LOGLAKE_HOME/dead-letter named for {@code sink} and now. */
  public Path path(SinkKind sink) {
    if (deadLetter != null) {
      return deadLetter;
    }
    String time =
        DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    return LoglakeHome.fromEnvironment()
        .root()
        .resolve("dead-letter")
        .resolve("produce-" + sink.cliName() + "-" + time + ".ndjson");
  }

  @Override
  public String onlyFor(String sinks) {
    return "only --sink " + sinks + " dead-letter records";
  }
}
