package io.loglake.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Utf8#isValid} accepts exactly what Java's UTF-8 decoder reads without replacing anything.
 */
class Utf8Test {
  @Test
  void knownSequences() {
    assertThat(
            valid(
                "plain ascii, long enough to take the eight-byte path"
                    .getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(valid("caf\u00e9 \u2603 \ud83d\ude00".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(valid(new byte[] {(byte) 0xC0, (byte) 0x80})).as("overlong NUL").isFalse();
    assertThat(valid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("surrogate").isFalse();
    assertThat(valid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
        .as("above U+10FFFF")
        .isFalse();
    assertThat(valid(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).as("truncated").isFalse();
    assertThat(valid(new byte[] {(byte) 0xE9})).as("Latin-1 e-acute").isFalse();
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomBytes() {
    Random random = new Random(7L);
    byte[] interesting = {
      0,
      'a',
      0x7F,
      (byte) 0x80,
      (byte) 0xBF,
      (byte) 0xC2,
      (byte) 0xDF,
      (byte) 0xE0,
      (byte) 0xA0,
      (byte) 0xED,
      (byte) 0x9F,
      (byte) 0xEF,
      (byte) 0xF0,
      (byte) 0x90,
      (byte) 0xF4,
      (byte) 0x8F,
      (byte) 0xF5,
      (byte) 0xFF,
      (byte) 0xC0,
      (byte) 0xC1
    };
    for (int n = 0; n < 100_000; n++) {
      byte[] bytes = new byte[random.nextInt(20)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            random.nextInt(4) == 0
                ? (byte) random.nextInt(256)
                : interesting[random.nextInt(interesting.length)];
      }
      assertThat(valid(bytes))
          .as("%s", java.util.HexFormat.of().formatHex(bytes))
          .isEqualTo(decodes(bytes));
    }
  }

  private static boolean valid(byte[] bytes) {
    return Utf8.isValid(bytes, 0, bytes.length);
  }

  private static boolean decodes(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
