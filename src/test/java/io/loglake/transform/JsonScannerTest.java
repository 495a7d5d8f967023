package io.loglake.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner's idea of valid JSON is Jackson's (default features): the parser quarantines what the
 * scanner rejects without asking Jackson, so a scanner stricter than Jackson would lose records.
 */
class JsonScannerTest {
  private static final JsonFactory JACKSON = new JsonFactory();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"a\":[1,-2.5e+3,true,false,null,{\"b\":\"\\u00e9\\n\\/\"}]}",
        "0",
        "-0",
        "1E9",
        "\"\"",
        " { \"a\" : 1 , \"b\" : [ ] } ",
      })
  void acceptsValidJson(String text) {
    assertThat(wholeValue(text)).isTrue();
    assertThat(jacksonAccepts(text.getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "[1,]",
        "{'a':1}",
        "{a:1}",
        "01",
        "1.",
        ".5",
        "-",
        "+1",
        "NaN",
        "tru",
        "truex",
        "\"\\x\"",
        "\"\\u12G4\"",
        "\"tab\there\"",
        "{\"a\":1}}",
        "/* c */ 1",
        "\"open",
      })
  void rejectsInvalidJson(String text) {
    assertThat(wholeValue(text)).isFalse();
    assertThat(jacksonAccepts(text.getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void agreesWithJacksonOnRandomAndMutatedText() {
    Random random = new Random(42L);
    String[] atoms = {
      "{",
      "}",
      "[",
      "]",
      ",",
      ":",
      "\"k\"",
      "\"v\\\"\"",
      "\"\\u0041\"",
      "1",
      "-0.5e3",
      "true",
      "null",
      " ",
      "\"",
      "\\",
      "0",
      "e",
      ".",
      "-",
      "x",
      "\t",
      "\u00e9"
    };
    int valid = 0;
    for (int n = 0; n < 50_000; n++) {
      StringBuilder text = new StringBuilder(random.nextBoolean() ? "{\"a\":" : "");
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.append(atoms[random.nextInt(atoms.length)]);
      }
      text.append(random.nextBoolean() ? "}" : "");
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      boolean jackson = jacksonAccepts(bytes);
      assertThat(wholeValue(bytes)).as("%s", text).isEqualTo(jackson);
      valid += jackson ? 1 : 0;
    }
    assertThat(valid).as("valid cases among the random ones").isGreaterThan(1_000);
  }

  private static boolean wholeValue(String text) {
    return wholeValue(text.getBytes(StandardCharsets.UTF_8));
  }

  /** One value and only blanks around it, as the scanner sees it. */
  private static boolean wholeValue(byte[] b) {
    int start = JsonScanner.skipBlanks(b, 0, b.length);
    int end = JsonScanner.value(b, start, b.length);
    return end >= 0 && JsonScanner.skipBlanks(b, end, b.length) == b.length;
  }

  /** Exactly one root value, every token of it valid, as Jackson sees it. */
  private static boolean jacksonAccepts(byte[] b) {
    try (JsonParser parser = JACKSON.createParser(b)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        parser.getText();
      }
      return parser.nextToken() == null;
    } catch (JsonProcessingException e) {
      return false;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
