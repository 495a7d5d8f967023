package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonStringsTest {
  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonStrings.quoted("a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u001fj\"");
  }

  @Test
  void leavesOtherCharactersAsTheyAre() {
    assertThat(JsonStrings.quoted("Zürich / 東京 😀")).isEqualTo("\"Zürich / 東京 😀\"");
  }

  @Test
  void everyCharacterRoundTripsThroughAJsonParser() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x800; c++) {
      all.append(c);
    }
    String text = all.toString();
    assertThat(new ObjectMapper().readValue(JsonStrings.quoted(text), String.class))
        .isEqualTo(text);
  }
}
