package io.loglake.cli.produce;

import io.loglake.cli.UsageErrors;
import io.loglake.schema.RawZoneLayout;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --stream}: the Firehose delivery stream, and the stream name in raw-zone object names. */
public final class StreamOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--stream",
      paramLabel = "NAME",
      description =
          "Firehose delivery stream; for --sink s3 and local the stream name in object names"
              + " (default: "
              + RawZoneLayout.DEFAULT_STREAM_NAME
              + ").")
  String stream;

  /** The stream given, else {@value RawZoneLayout#DEFAULT_STREAM_NAME}. */
  public String name() {
    return stream != null ? stream : RawZoneLayout.DEFAULT_STREAM_NAME;
  }

  /** The raw-zone layout for the stream; also checks the name for the Firehose sink. */
  public RawZoneLayout layout() {
    return UsageErrors.validated(
        command, () -> new RawZoneLayout(name()), "Cannot use --stream '" + stream + "'");
  }
}
