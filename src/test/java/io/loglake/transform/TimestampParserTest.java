package io.loglake.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {
  @ParameterizedTest(name = "{0} -> {1}, dt {2}, hr {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2025-11-09T10:15:23Z            | 2025-11-09T10:15:23Z          | 2025-11-09 | 10",
        "2025-11-09 10:15:23Z            | 2025-11-09T10:15:23Z          | 2025-11-09 | 10",
        "2025-11-09T10:15:23             | 2025-11-09T10:15:23Z          | 2025-11-09 | 10",
        "2025-11-09 10:15:23             | 2025-11-09T10:15:23Z          | 2025-11-09 | 10",
        "2025-11-09T10:15:23.1Z          | 2025-11-09T10:15:23.100Z      | 2025-11-09 | 10",
        "2025-11-09T10:15:23.123Z        | 2025-11-09T10:15:23.123Z      | 2025-11-09 | 10",
        "2025-11-09T10:15:23.123456Z     | 2025-11-09T10:15:23.123456Z   | 2025-11-09 | 10",
        "2025-11-09T10:15:23.123456789Z  | 2025-11-09T10:15:23.123456Z   | 2025-11-09 | 10",
        "2025-11-09T10:15:23+02:00       | 2025-11-09T08:15:23Z          | 2025-11-09 | 8",
        "2025-11-09T10:15:23-0130        | 2025-11-09T11:45:23Z          | 2025-11-09 | 11",
        "2025-11-09T10:15:23.5+0000      | 2025-11-09T10:15:23.500Z      | 2025-11-09 | 10",
        "2025-11-09T01:30:00+05:30       | 2025-11-08T20:00:00Z          | 2025-11-08 | 20",
        "2025-11-09T22:30:00-03:00       | 2025-11-10T01:30:00Z          | 2025-11-10 | 1",
        "2024-02-29T23:59:59.999999999Z  | 2024-02-29T23:59:59.999999Z   | 2024-02-29 | 23",
        "1969-12-31T23:00:00Z            | 1969-12-31T23:00:00Z          | 1969-12-31 | 23",
        "2000-01-01T00:00:00+18:00       | 1999-12-31T06:00:00Z          | 1999-12-31 | 6",
      })
  void acceptsEachFormAndGivesUtcDayAndHour(String text, String instant, String day, int hour) {
    long micros = TimestampParser.parseMicros(text);

    Instant expected = Instant.parse(instant);
    assertThat(micros)
        .as("micros of %s", text)
        .isEqualTo(expected.getEpochSecond() * 1_000_000 + expected.getNano() / 1_000);
    assertThat(java.time.LocalDate.ofEpochDay(TimestampParser.utcEpochDay(micros)))
        .hasToString(day);
    assertThat(TimestampParser.utcHour(micros)).isEqualTo(hour);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "bad",
        "2025-11-09",
        "2025-11-09T10:15",
        "2025-11-09T10:15:23.",
        "2025-11-09T10:15:23.1234567890Z",
        "2025-13-01T00:00:00Z",
        "2025-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2025-11-09T24:00:00Z",
        "2025-11-09T10:60:00Z",
        "2025-11-09T10:15:60Z",
        "2025-11-09X10:15:23Z",
        "2025/11/09T10:15:23Z",
        "2025-11-09T10:15:23+2",
        "2025-11-09T10:15:23+02",
        "2025-11-09T10:15:23+02:60",
        "2025-11-09T10:15:23+19:00",
        "2025-11-09T10:15:23ZZ",
        "2025-11-09T10:15:23 UTC",
        "20251109T101523Z",
        "2025-1-09T10:15:23Z",
        "+2025-11-09T10:15:23Z",
        "1731147323"
      })
  void rejectsAnythingElse(String text) {
    assertThat(TimestampParser.parseMicros(text)).as(text).isEqualTo(TimestampParser.INVALID);
  }

  @org.junit.jupiter.api.Test
  void ignoresSurroundingWhiteSpaceAndNull() {
    assertThat(TimestampParser.parseMicros("  2025-11-09T10:15:23Z "))
        .isEqualTo(1_762_683_323_000_000L);
    assertThat(TimestampParser.parseMicros(null)).isEqualTo(TimestampParser.INVALID);
  }
}
