package io.loglake.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The level peek never changes an outcome: every line gives the same records through {@link
 * RecordParser#parseLine} (peek, then parse in full when the peek cannot decide) as through {@link
 * RecordParser#parseLineWithoutPeek}, whatever the wanted levels. Lines are random records, then
 * random mutations of them (truncation, deleted, inserted and flipped bytes, copied slices), from a
 * fixed seed so that a failure repeats.
 */
class RecordParserPropertyTest {
  private static final List<Set<String>> LEVEL_SETS =
      List.of(
          Set.of("WARN", "ERROR"),
          Set.of("INFO"),
          Set.of("ERROR"),
          Set.of("DEBUG", "INFO", "WARN", "ERROR"),
          Set.of("TRACE"));
  private static final int CASES = 20_000;

  private static final List<RecordParser> PARSERS =
      LEVEL_SETS.stream().map(RecordParser::new).toList();

  // JSON text as it appears on the line (already escaped where needed).
  private static final String[] KEYS = {
    "timestamp",
    "level",
    "service",
    "message",
    "user_id",
    "ip",
    "event_id",
    "extra",
    "Level",
    "lev\\u0065l",
    "le\\\"vel",
    "level ",
    "lev\u00e9l",
    ""
  };
  private static final String[] LEVELS = {
    "\"INFO\"",
    "\"info\"",
    "\" Warning \"",
    "\"WARN\"",
    "\"ERROR\"",
    "\"error\"",
    "\"DEBUG\"",
    "\"\u0131nfo\"",
    "\"\"",
    "\"  \"",
    "\"IN\\u0046O\"",
    "null",
    "7",
    "true",
    "[\"INFO\"]",
    "{\"level\":\"ERROR\"}",
    "\"TRACE\"",
    "\"ERR\\\"OR\"",
    "\"\u00c9RROR\""
  };
  private static final String[] TIMESTAMPS = {
    "\"2025-11-09T10:15:23Z\"",
    "\"2025-11-09 10:15:23.123456+01:00\"",
    "\"0001-01-01T00:00:00Z\"",
    "\"9999-12-31T23:30:00-01:00\"",
    "\"2025-02-30T10:00:00Z\"",
    "\"yesterday\"",
    "null",
    "1731147323",
    "\"\"",
    "\"2100-01-01T00:00:00Z\"",
    "\"1999-12-31T23:59:59.999999Z\""
  };
  private static final String[] VALUES = {
    "\"plain\"",
    "\"say \\\"hi\\\"\"",
    "\"a}{b\"",
    "\"level\"",
    "\"\\\"level\\\":\\\"INFO\\\"\"",
    "\"caf\u00e9 \u2603 \ud83d\ude00\"",
    "\"tab\\there\\u0000\"",
    "12.5e3",
    "-0",
    "false",
    "null",
    "[1,{\"a\":[]}]",
    "{\"level\":\"INFO\"}",
    "\"\"",
    "\"}{\\\"level\\\":\\\"ERROR\\\"}\"",
    "0.5E-2"
  };
  private static final byte[] INSERTS = {
    '"',
    '\\',
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    0,
    1,
    0x1f,
    (byte) 0xFF,
    (byte) 0xC3,
    (byte) 0xE2,
    (byte) 0x80,
    ' ',
    'x',
    '0',
    'e',
    '-',
    '\t'
  };

  @Test
  void thePeekAndTheFullParseGiveTheSameRecords() {
    Random random = new Random(20251109L);
    int decidedByPeek = 0;
    for (int n = 0; n < CASES; n++) {
      byte[] line =
          random.nextInt(3) == 0 ? randomLine(random) : mutate(random, randomLine(random));
      assertSameOutcomes(line);
      String peeked = LevelPeek.peek(line, 0, line.length);
      if (peeked != null && !Set.of("WARN", "ERROR").contains(peeked)) {
        decidedByPeek++;
      }
    }
    // Not vacuous: the peek itself decides a good share of the lines (as it does in production).
    assertThat(decidedByPeek).as("lines the peek filtered").isGreaterThan(CASES / 20);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"lev\\u0065l\":\"ERROR\",\"level\":\"INFO\"}",
        "{\"level\":\"INFO\",\"lev\\u0065l\":\"ERROR\"}",
        "{\"level\":\"INFO\",\"level\":\"ERROR\"}",
        "{\"service\":[\"x\"],\"level\":\"INFO\"}",
        "{\"level\":\"INFO\",\"service\":[\"x\"]}",
        "{\"level\":\"INFO\",\"timestamp\":\"2025-11-09T10:00:00Z\"",
        "{\"level\":\"INFO\",\"timestamp\":\"2025-11-09T10:00:00Z\",\"message\":\"cut",
        "{\"level\":\"\u0131nfo\",\"timestamp\":\"2025-11-09T10:00:00Z\"}",
        "{garbage \"level\":\"INFO\"}",
        "{\"level\":\"INFO\",\"x\":01}",
        "{\"level\":\"INFO\",\"x\":\"a\u0001b\"}",
        "{\"level\":\"INFO\"} trailing",
        "{\"level\":\"INFO\",}",
      })
  void casesThatOnceDisagreedNowAgree(String line) {
    assertSameOutcomes(line.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertSameOutcomes(byte[] line) {
    for (int i = 0; i < PARSERS.size(); i++) {
      RecordParser parser = PARSERS.get(i);
      List<String> withPeek = describe(parser.parseLine(line, 0, line.length));
      List<String> withoutPeek = describe(parser.parseLineWithoutPeek(line, 0, line.length));
      if (!withPeek.equals(withoutPeek)) { // AssertJ (and the description) only on a difference
        assertThat(withPeek)
            .as("levels %s, line %s", LEVEL_SETS.get(i), printable(line))
            .isEqualTo(withoutPeek);
      }
    }
  }

  private static List<String> describe(List<ParsedRecord> records) {
    List<String> described = new ArrayList<>(records.size());
    for (ParsedRecord r : records) {
      described.add(
          switch (r.outcome()) {
            case FILTERED -> "filtered";
            case QUARANTINED -> "quarantined " + r.reason() + " " + r.raw();
            case CURATED -> "curated " + r.level() + " " + r.tsMicros() + " " + r.dedupeKey();
          });
    }
    return described;
  }

  private static byte[] randomLine(Random random) {
    StringBuilder line = new StringBuilder();
    if (random.nextInt(30) == 0) {
      line.append('\uFEFF');
    }
    int objects = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(3);
    for (int i = 0; i < objects; i++) {
      line.append(blanks(random));
      line.append(random.nextInt(3) > 0 ? realisticObject(random) : randomObject(random));
    }
    return line.append(blanks(random)).toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A record as a producer writes it: the usual fields in the usual order, a plain level. */
  private static String realisticObject(Random random) {
    String level =
        pick(random, new String[] {"\"INFO\"", "\"INFO\"", "\"WARN\"", "\"ERROR\"", "\"DEBUG\""});
    return "{\"timestamp\":"
        + pick(random, TIMESTAMPS)
        + ",\"level\":"
        + level
        + ",\"service\":"
        + pick(random, VALUES)
        + ",\"message\":"
        + pick(random, VALUES)
        + ",\"user_id\":\"u"
        + random.nextInt(99)
        + "\",\"ip\":\"10.0.0.1\",\"event_id\":\"e-"
        + random.nextInt(1000)
        + "\"}";
  }

  private static String randomObject(Random random) {
    StringBuilder object = new StringBuilder("{");
    int fields = random.nextInt(8);
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        object.append(blanks(random)).append(',').append(blanks(random));
      }
      String key = random.nextInt(3) == 0 ? "level" : pick(random, KEYS);
      String value =
          switch (key) {
            case "level" -> pick(random, LEVELS);
            case "timestamp" -> pick(random, TIMESTAMPS);
            default -> pick(random, random.nextBoolean() ? VALUES : LEVELS);
          };
      object
          .append('"')
          .append(key)
          .append('"')
          .append(blanks(random))
          .append(':')
          .append(blanks(random))
          .append(value);
    }
    return object.append(blanks(random)).append('}').toString();
  }

  private static byte[] mutate(Random random, byte[] line) {
    byte[] bytes = line;
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations && bytes.length > 0; m++) {
      int at = random.nextInt(bytes.length);
      bytes =
          switch (random.nextInt(6)) {
            case 0 -> Arrays.copyOf(bytes, at);
            case 1 ->
                concat(
                    Arrays.copyOfRange(bytes, 0, at),
                    Arrays.copyOfRange(bytes, at + 1, bytes.length));
            case 2 ->
                concat(
                    Arrays.copyOfRange(bytes, 0, at),
                    new byte[] {INSERTS[random.nextInt(INSERTS.length)]},
                    Arrays.copyOfRange(bytes, at, bytes.length));
            case 3 -> {
              byte[] flipped = bytes.clone();
              flipped[at] ^= (byte) (1 << random.nextInt(8));
              yield flipped;
            }
            case 4 -> {
              int to = at + random.nextInt(Math.min(40, bytes.length - at) + 1);
              yield concat(
                  Arrays.copyOfRange(bytes, 0, to), Arrays.copyOfRange(bytes, at, bytes.length));
            }
            default ->
                concat(
                    bytes,
                    "}{\"level\":\"ERROR\",\"timestamp\":\"2025-11-09T10:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8));
          };
    }
    return bytes;
  }

  private static String blanks(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> " ";
      case 1 -> " \t ";
      default -> "";
    };
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] joined = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, joined, at, part.length);
      at += part.length;
    }
    return joined;
  }

  private static String printable(byte[] line) {
    StringBuilder text = new StringBuilder();
    for (byte b : line) {
      int c = b & 0xFF;
      text.append(
          c >= 0x20 && c < 0x7F && c != '\\'
              ? String.valueOf((char) c)
              : String.format("\\x%02X", c));
    }
    return text.toString();
  }
}
