package io.loglake.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.LogFixtures;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LevelPeekTest {
  @Test
  void readsTheLevelOfAFlatObject() {
    assertThat(LevelPeek.peek(LogFixtures.info("2025-11-09T10:00:00Z", "a"))).isEqualTo("INFO");
    assertThat(LevelPeek.peek("  {\"level\" : \" warning \", \"x\":1}")).isEqualTo("WARN");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"extra\":{\"level\":\"INFO\"},\"level\":\"ERROR\"}",
    "{\"extra\":{\"level\":\"INFO\"}}",
    "{\"level\":\"INFO\",\"level\":\"ERROR\"}",
    "{\"message\":\"say \\\"level\\\": \\\"INFO\\\"\"}",
    "{\"level\":\"IN\\u0046O\"}",
    "{\"level\":null}",
    "{\"level\":7}",
    "not json \"level\":\"INFO\"",
    "{\"msg\":\"a {\",\"level\":\"INFO\"}",
    "",
  })
  void answersNullWhenInDoubt(String line) {
    assertThat(LevelPeek.peek(line)).as(line).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"timestamp\":\"2025-11-09T10:00:00Z\",\"level\":\"INFO\",\"message\":\"level up\"}",
    "{\"level\":\"debug\",\"timestamp\":\"bad\"",
    "{\"level\":\"Info\"}",
  })
  void agreesWithTheFullParse(String line) {
    RecordParser parser = new RecordParser(Set.of("WARN", "ERROR"));
    assertThat(parser.parseObject(line).outcome()).isEqualTo(ParsedRecord.Outcome.FILTERED);
    assertThat(LevelPeek.peek(line)).isNotNull();
  }
}
