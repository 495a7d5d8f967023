package io.loglake.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** An ISO-8601 instant with an offset, e.g. {@code 2025-11-09T00:00:00Z}. */
public final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not an ISO-8601 instant such as 2025-11-09T00:00:00Z");
    }
  }
}
