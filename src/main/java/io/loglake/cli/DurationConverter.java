package io.loglake.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A duration of 0 or more: {@code 24h}, {@code 90m}, {@code 1h30m}, {@code 45s}, {@code 500ms},
 * {@code 2d}, {@code 0}, or ISO-8601 {@code PT1H}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(?:\\d+(?:ms|d|h|m|s))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

  @Override
  public Duration convert(String value) {
    Duration span = parse(value.trim().toLowerCase(Locale.ROOT));
    if (span == null) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration such as 24h, 90m, 1h30m, 45s, 500ms or PT1H");
    }
    if (span.isNegative()) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is negative; the span must be 0 or more");
    }
    return span;
  }

  /** The duration {@code text} (lower case) denotes, or null if it is not one. */
  private static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    try {
      if (text.startsWith("p")) {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      if (!SHORT.matcher(text).matches()) {
        return null;
      }
      Duration total = Duration.ZERO;
      Matcher part = PART.matcher(text);
      while (part.find()) {
        total = total.plus(Long.parseLong(part.group(1)), unit(part.group(2)));
      }
      return total;
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  private static ChronoUnit unit(String suffix) {
    return switch (suffix) {
      case "ms" -> ChronoUnit.MILLIS;
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      case "h" -> ChronoUnit.HOURS;
      default -> ChronoUnit.DAYS;
    };
  }
}
