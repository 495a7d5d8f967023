package io.loglake.transform;

import static io.loglake.transform.ParsedRecord.Outcome.CURATED;
import static io.loglake.transform.ParsedRecord.Outcome.FILTERED;
import static io.loglake.transform.ParsedRecord.Outcome.QUARANTINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.loglake.testing.LogFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelPeekTest {
  @Test
  void readsTheLevelOfAFlatObject() {
    assertThat(LevelPeek.peek(LogFixtures.info("2025-11-09T10:00:00Z", "a"))).isEqualTo("INFO");
    assertThat(LevelPeek.peek("  {\"level\" : \" warning \", \"x\":1}")).isEqualTo("WARN");
    assertThat(
            LevelPeek.peek(
                "\uFEFF{\"msg\":\"a {\\\"b\\\": [1]}\",\"level\":\"debug\",\"n\":-1.5e3,\"t\":true}"))
        .isEqualTo("DEBUG");
    assertThat(LevelPeek.peek("{\"level\":\"\u0131nfo\"}"))
        .as("decoded as UTF-8, then upper-cased")
        .isEqualTo("INFO");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"extra\":{\"level\":\"INFO\"},\"level\":\"ERROR\"}",
        "{\"extra\":{\"level\":\"INFO\"}}",
        "{\"level\":\"INFO\",\"level\":\"ERROR\"}",
        "{\"lev\\u0065l\":\"ERROR\",\"level\":\"INFO\"}",
        "{\"service\":[\"x\"],\"level\":\"INFO\"}",
        "{\"service\":\"a\",\"service\":\"b\",\"level\":\"INFO\"}",
        "{\"message\":\"say \\\"level\\\": \\\"INFO\\\"\"}",
        "{\"level\":\"IN\\u0046O\"}",
        "{\"level\":null}",
        "{\"level\":7}",
        "{\"level\":\"  \"}",
        "not json \"level\":\"INFO\"",
        "{garbage \"level\":\"INFO\"}",
        "{\"level\":\"INFO\",\"timestamp\":\"2025-11-09T10:00:00Z\"",
        "{\"level\":\"INFO\",}",
        "{\"level\":\"INFO\",\"x\":01}",
        "{\"level\":\"INFO\",\"x\":\"tab\there\"}",
        "{\"level\":\"INFO\"} trailing",
        "{\"level\":\"INFO\"}{\"level\":\"INFO\"}",
        "{}",
        "",
      })
  void answersNullWhenInDoubt(String line) {
    assertThat(LevelPeek.peek(line)).as(line).isNull();
  }

  @Test
  void answersNullForBytesThatAreNotUtf8() {
    byte[] line =
        "{\"level\":\"INFO\",\"message\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(LevelPeek.peek(line, 0, line.length)).isNull();
  }

  /**
   * Simple lines, each with its level and what the full parse makes of it when that level is
   * wanted, worked out by hand.
   */
  static Stream<Arguments> simpleLines() {
    return Stream.of(
        arguments(
            "{\"timestamp\":\"2025-11-09T10:00:00Z\",\"level\":\"INFO\",\"message\":\"level up\"}",
            "INFO",
            CURATED),
        arguments("{\"level\":\"debug\",\"timestamp\":\"bad\"}", "DEBUG", QUARANTINED),
        arguments("{\"level\":\"Info\"}", "INFO", QUARANTINED),
        arguments("{\"msg\":\"a {\",\"level\":\"INFO\"}", "INFO", QUARANTINED));
  }

  @ParameterizedTest
  @MethodSource("simpleLines")
  void agreesWithTheFullParse(String line, String level, ParsedRecord.Outcome outcome) {
    assertThat(LevelPeek.peek(line)).as(line).isEqualTo(level);

    // The full parse, without the peek, filters such a line exactly when its level is unwanted;
    // the parse that uses the peek decides the same.
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    RecordParser unwanted = new RecordParser(Set.of("WARN", "ERROR"));
    RecordParser wanted = new RecordParser(Set.of(level));
    assertThat(unwanted.parseLineWithoutPeek(bytes, 0, bytes.length))
        .extracting(ParsedRecord::outcome)
        .containsExactly(FILTERED);
    assertThat(unwanted.parseLine(bytes, 0, bytes.length))
        .extracting(ParsedRecord::outcome)
        .containsExactly(FILTERED);
    assertThat(wanted.parseLineWithoutPeek(bytes, 0, bytes.length))
        .extracting(ParsedRecord::outcome)
        .containsExactly(outcome);
    assertThat(wanted.parseLine(bytes, 0, bytes.length))
        .extracting(ParsedRecord::outcome)
        .containsExactly(outcome);
  }
}
