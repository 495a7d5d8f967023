package io.loglake.cli.produce;

import java.util.Locale;
import picocli.CommandLine;

/** {@code --sink NAME}: a {@link SinkKind} by its name, in any case. */
public final class SinkKindConverter implements CommandLine.ITypeConverter<SinkKind> {
  @Override
  public SinkKind convert(String value) {
    try {
      return SinkKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a sink: use firehose, kafka, s3, local or stdout");
    }
  }
}
