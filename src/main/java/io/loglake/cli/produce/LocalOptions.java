package io.loglake.cli.produce;

import io.loglake.cli.UsageErrors;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.RecordSink;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --sink local}: a raw zone in a folder, laid out as Firehose writes S3. */
public final class LocalOptions implements ExplainsScope {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description = "The raw zone directory (created if missing); required for --sink local.")
  Path out;

  /**
   * @param runSeed seeds the object names, as the records'
   */
  public RecordSink sink(StreamOption stream, BufferOptions buffering, long runSeed) {
    if (out == null) {
      throw UsageErrors.of(
          command, "Cannot write to --sink local: --out PATH is required (the raw zone directory)");
    }
    return LocalRawZoneSink.forGeneratedData(out, stream.layout(), buffering.hints(), runSeed);
  }

  /** Where the summary says the records went. */
  public String destination() {
    return "under " + out;
  }

  @Override
  public String onlyFor(String sinks) {
    return "folder options apply to --sink " + sinks + " only";
  }
}
