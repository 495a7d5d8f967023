package io.loglake.transform;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.info;
import static io.loglake.testing.LogFixtures.record;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.EventTimeRange;
import io.loglake.schema.QuarantineReason;
import io.loglake.transform.ParsedRecord.Outcome;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordParserTest {
  private final RecordParser parser = new RecordParser(Set.of("WARN", "ERROR"));

  private ParsedRecord one(String line) {
    List<ParsedRecord> records = parser.parseLine(line);
    assertThat(records).as("records of %s", line).hasSize(1);
    return records.get(0);
  }

  @Test
  void readsAllFieldsOfAGoodRecord() {
    ParsedRecord r =
        one(record("2025-11-09T10:15:23Z", "ERROR", "payment-api", "Card declined", "u123", "e-1"));

    assertThat(r.outcome()).isEqualTo(Outcome.CURATED);
    assertThat(r.timestamp()).isEqualTo("2025-11-09T10:15:23Z");
    assertThat(r.level()).isEqualTo("ERROR");
    assertThat(r.service()).isEqualTo("payment-api");
    assertThat(r.message()).isEqualTo("Card declined");
    assertThat(r.userId()).isEqualTo("u123");
    assertThat(r.ip()).isEqualTo("10.0.0.1");
    assertThat(r.eventId()).isEqualTo("e-1");
    assertThat(r.utcHour()).isEqualTo(10);
  }

  @ParameterizedTest(name = "level \"{0}\" is stored as {1}")
  @CsvSource({
    "ERROR,ERROR",
    "error,ERROR",
    "' Error ',ERROR",
    "WARN,WARN",
    "warn,WARN",
    "WARNING,WARN",
    "' warning',WARN"
  })
  void normalisesTheLevel(String raw, String stored) {
    ParsedRecord r = one(record("2025-11-09T10:15:23Z", raw, "auth-api"));
    assertThat(r.outcome()).isEqualTo(Outcome.CURATED);
    assertThat(r.level()).isEqualTo(stored);
  }

  @ParameterizedTest
  @CsvSource({"INFO", "info", "DEBUG", "TRACE", "FATAL"})
  void filtersOutLevelsNotAsked(String level) {
    assertThat(one(record("2025-11-09T10:15:23Z", level, "auth-api")).outcome())
        .isEqualTo(Outcome.FILTERED);
  }

  @Test
  void keepsWhateverLevelsAreAsked() {
    RecordParser infoOnly = new RecordParser(Set.of("INFO"));
    assertThat(infoOnly.parseLine(info("2025-11-09T10:15:23Z", "a")).get(0).outcome())
        .isEqualTo(Outcome.CURATED);
    assertThat(infoOnly.parseLine(error("2025-11-09T10:15:23Z", "a")).get(0).outcome())
        .isEqualTo(Outcome.FILTERED);
  }

  @Test
  void filtersAWellFormedRecordWithoutCheckingItsTimestamp() {
    assertThat(one("{\"level\":\"INFO\",\"timestamp\":\"garbage\"}").outcome())
        .isEqualTo(Outcome.FILTERED);
    assertThat(one("{\"level\":\"INFO\",\"timestamp\":\"0001-01-01T00:00:00Z\"}").outcome())
        .isEqualTo(Outcome.FILTERED);
  }

  @ParameterizedTest(name = "{1} whatever the levels: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"level\":\"INFO\",\"timestamp\":\"2025-11-09T10:00:00Z\"                   | MALFORMED_JSON",
        "{\"level\":\"INFO\",\"message\":\"cut                                         | MALFORMED_JSON",
        "{\"level\":\"INFO\",\"level\":\"ERROR\"}                                     | DUPLICATE_KEY",
        "{\"level\":\"INFO\",\"level\":\"INFO\"}                                      | DUPLICATE_KEY",
        "{\"lev\\u0065l\":\"ERROR\",\"level\":\"INFO\"}                              | DUPLICATE_KEY",
        "{\"level\":\"ERROR\",\"message\":\"a\",\"message\":{\"b\":1}}            | DUPLICATE_KEY",
        "{\"service\":[\"x\"],\"level\":\"INFO\"}                                     | BAD_FIELD_TYPE",
        "{\"level\":\"INFO\",\"service\":[\"x\"]}                                     | BAD_FIELD_TYPE",
      })
  void quarantinesStructuralDefectsWhateverTheLevelAndTheFieldOrder(
      String line, QuarantineReason reason) {
    for (Set<String> levels : List.of(Set.of("INFO"), Set.of("WARN", "ERROR"), Set.of("DEBUG"))) {
      ParsedRecord r = new RecordParser(levels).parseLine(line.strip()).get(0);
      assertThat(r.outcome()).as("levels %s", levels).isEqualTo(Outcome.QUARANTINED);
      assertThat(r.reason()).as("levels %s", levels).isEqualTo(reason);
    }
  }

  @Test
  void duplicateUnknownFieldsAreIgnoredLikeAnyUnknownField() {
    assertThat(
            one("{\"timestamp\":\"2025-11-09T10:00:00Z\",\"level\":\"ERROR\",\"x\":1,\"x\":2}")
                .outcome())
        .isEqualTo(Outcome.CURATED);
  }

  @Test
  void readsTheLevelAsUnicodeText() {
    ParsedRecord r =
        new RecordParser(Set.of("INFO"))
            .parseLine("{\"timestamp\":\"2025-11-09T10:00:00Z\",\"level\":\"\u0131nfo\"}")
            .get(0);
    assertThat(r.outcome()).isEqualTo(Outcome.CURATED);
    assertThat(r.level()).isEqualTo("INFO");
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json                                                      | MALFORMED_JSON",
        "{\"level\":\"ERROR\",                                         | MALFORMED_JSON",
        "{\"timestamp\":\"2025-11-09T10:15:23Z\",\"level\":\"ERROR\"} x | MALFORMED_JSON",
        "{'level':'ERROR'}                                             | MALFORMED_JSON",
        "[1,2]                                                         | NOT_AN_OBJECT",
        "\"just a string\"                                             | NOT_AN_OBJECT",
        "42                                                            | NOT_AN_OBJECT",
        "{\"timestamp\":\"2025-11-09T10:15:23Z\",\"level\":\"ERROR\",\"message\":{\"a\":1}} | BAD_FIELD_TYPE",
        "{\"timestamp\":\"2025-11-09T10:15:23Z\",\"service\":\"a\"}    | MISSING_LEVEL",
        "{\"timestamp\":\"2025-11-09T10:15:23Z\",\"level\":null}       | MISSING_LEVEL",
        "{\"timestamp\":\"2025-11-09T10:15:23Z\",\"level\":\"  \"}     | MISSING_LEVEL",
        "{\"level\":\"ERROR\",\"service\":\"a\"}                       | MISSING_TIMESTAMP",
        "{\"level\":\"ERROR\",\"timestamp\":null}                      | MISSING_TIMESTAMP",
        "{\"level\":\"ERROR\",\"timestamp\":\"\"}                      | MISSING_TIMESTAMP",
        "{\"level\":\"ERROR\",\"timestamp\":\"yesterday\"}             | BAD_TIMESTAMP",
        "{\"level\":\"ERROR\",\"timestamp\":\"2025-02-30T10:00:00Z\"}  | BAD_TIMESTAMP",
        "{\"level\":\"ERROR\",\"timestamp\":1731147323}                | BAD_TIMESTAMP",
      })
  void quarantinesWithTheReason(String line, QuarantineReason reason) {
    ParsedRecord r = one(line.strip());
    assertThat(r.outcome()).isEqualTo(Outcome.QUARANTINED);
    assertThat(r.reason()).isEqualTo(reason);
    assertThat(r.raw()).isEqualTo(line.strip());
  }

  @Test
  void yieldsEachObjectOfALineHoldingSeveral() {
    String line =
        error("2025-11-09T10:00:00Z", "a") + info("2025-11-09T10:00:01Z", "b") + "{broken";
    List<ParsedRecord> records = parser.parseLine(line);

    assertThat(records)
        .extracting(ParsedRecord::outcome)
        .containsExactly(Outcome.CURATED, Outcome.FILTERED, Outcome.QUARANTINED);
    assertThat(records.get(2).raw()).isEqualTo("{broken");
  }

  @Test
  void toleratesAByteOrderMarkAndSkipsBlankLines() {
    assertThat(one("\uFEFF" + error("2025-11-09T10:00:00Z", "a")).outcome())
        .isEqualTo(Outcome.CURATED);
    assertThat(parser.parseLine("")).isEmpty();
    assertThat(parser.parseLine("   \t")).isEmpty();
    assertThat(one(error("2025-11-09T10:00:00Z", "a") + "\r").outcome()).isEqualTo(Outcome.CURATED);
  }

  @Test
  void ignoresUnknownFieldsAndReadsScalarsAsText() {
    ParsedRecord r =
        one(
            "{\"timestamp\":\"2025-11-09T10:00:00Z\",\"level\":\"WARN\",\"extra\":{\"deep\":[1]},"
                + "\"user_id\":123,\"ip\":true}");
    assertThat(r.outcome()).isEqualTo(Outcome.CURATED);
    assertThat(r.userId()).isEqualTo("123");
    assertThat(r.ip()).isEqualTo("true");
    assertThat(r.service()).isNull();
  }

  @Test
  void dedupeKeyIsTheEventIdWhenPresentElseTheContent() {
    String ts = "2025-11-09T10:00:00Z";
    ParsedRecord a = one(record(ts, "ERROR", "s", "m", "u", "id-1"));
    ParsedRecord b = one(record(ts, "WARN", "other", "n", "v", "id-1"));
    ParsedRecord c = one(record(ts, "ERROR", "s", "m", "u", null));
    ParsedRecord d = one(record(ts, "error", "s", "m", "u", null));
    ParsedRecord e = one(record(ts, "ERROR", "s", "m", "u2", null));

    assertThat(a.dedupeKey()).isEqualTo(b.dedupeKey());
    assertThat(c.dedupeKey())
        .isEqualTo(d.dedupeKey())
        .isNotEqualTo(a.dedupeKey())
        .isNotEqualTo(e.dedupeKey());
  }

  @Test
  void anUnescapedQuoteSpoilsOnlyItsOwnObject() {
    List<ParsedRecord> records =
        parser.parseLine(
            "{\"level\":\"ERROR\",\"message\":\"say \"hi\"}{\"level\":\"ERROR\",\"message\":\"ok\"}");

    assertThat(records)
        .extracting(ParsedRecord::outcome)
        .containsExactly(Outcome.QUARANTINED, Outcome.QUARANTINED);
    assertThat(records.get(0).reason()).isEqualTo(QuarantineReason.MALFORMED_JSON);
    assertThat(records.get(0).raw()).isEqualTo("{\"level\":\"ERROR\",\"message\":\"say \"hi\"}");
    assertThat(records.get(1).reason()).isEqualTo(QuarantineReason.MISSING_TIMESTAMP);
    assertThat(records.get(1).raw()).isEqualTo("{\"level\":\"ERROR\",\"message\":\"ok\"}");
  }

  @Test
  void aLongLineOfRecordsWithOneBrokenQuarantinesOnlyThatOne() {
    StringBuilder line = new StringBuilder();
    String broken =
        "{\"level\":\"ERROR\",\"timestamp\":\"2025-11-09T10:00:00Z\",\"message\":\"say \"hi\"}";
    for (int i = 0; i < 5000; i++) {
      line.append(
          i == 2500
              ? broken
              : record("2025-11-09T10:00:00Z", i % 2 == 0 ? "ERROR" : "INFO", "s" + i));
    }
    List<ParsedRecord> records = parser.parseLine(line.toString());

    assertThat(records).hasSize(5000);
    assertThat(records).filteredOn(r -> r.outcome() == Outcome.CURATED).hasSize(2499);
    assertThat(records).filteredOn(r -> r.outcome() == Outcome.FILTERED).hasSize(2500);
    assertThat(records.get(2500).reason()).isEqualTo(QuarantineReason.MALFORMED_JSON);
    assertThat(records.get(2500).raw()).isEqualTo(broken);
    assertThat(records.get(2502).service()).isEqualTo("s2502");
  }

  @Test
  void quarantinesInvalidUtf8WithTheOriginalBytes() {
    byte[] prefix =
        "{\"timestamp\":\"2025-11-09T10:00:00Z\",\"level\":\"ERROR\",\"message\":\"caf"
            .getBytes(UTF_8);
    byte[] bad = concat(prefix, new byte[] {(byte) 0xE9, '"', '}'});
    byte[] good = error("2025-11-09T10:00:00Z", "ok").getBytes(UTF_8);
    byte[] line = concat(good, bad, good);

    List<ParsedRecord> records = parser.parseLine(line, 0, line.length);

    assertThat(records)
        .extracting(ParsedRecord::outcome)
        .containsExactly(Outcome.CURATED, Outcome.QUARANTINED, Outcome.CURATED);
    ParsedRecord r = records.get(1);
    assertThat(r.reason()).isEqualTo(QuarantineReason.INVALID_UTF8);
    assertThat(Base64.getDecoder().decode(r.rawBase64())).isEqualTo(bad);
    assertThat(r.raw()).isEqualTo(new String(prefix, UTF_8) + "\uFFFD\"}");
    assertThat(records.get(0).rawBase64()).isNull();
    assertThat(one("{\"level\":\"ERROR\"}").rawBase64()).as("valid UTF-8: raw is exact").isNull();
  }

  @Test
  void invalidUtf8IsQuarantinedWhateverTheLevel() {
    byte[] line =
        "{\"timestamp\":\"2025-11-09T10:00:00Z\",\"level\":\"INFO\",\"message\":\"caf\u00e9\"}"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(parser.parseLine(line, 0, line.length))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(QuarantineReason.INVALID_UTF8));
  }

  @ParameterizedTest(name = "{0} is kept: {1}")
  @CsvSource({
    "1999-12-31T23:59:59.999999Z, false",
    "2000-01-01T00:00:00Z, true",
    "2000-01-01T01:00:00+01:00, true",
    "1999-12-31T23:00:00-01:00, true",
    "2099-12-31T23:59:59.999999Z, true",
    "2100-01-01T00:00:00Z, false",
    "2100-01-01T00:30:00+01:00, true",
    "0001-01-01T00:00:00Z, false",
    "9999-12-31T23:30:00-01:00, false",
    "0000-01-01T00:00:00Z, false",
  })
  void quarantinesEventsOutsideTheDefaultRange(String timestamp, boolean kept) {
    ParsedRecord r = one(error(timestamp, "a"));
    if (kept) {
      assertThat(r.outcome()).isEqualTo(Outcome.CURATED);
    } else {
      assertThat(r.outcome()).isEqualTo(Outcome.QUARANTINED);
      assertThat(r.reason()).isEqualTo(QuarantineReason.TIMESTAMP_OUT_OF_RANGE);
    }
  }

  @Test
  void usesTheEventTimeRangeItIsGiven() {
    RecordParser wide =
        new RecordParser(Set.of("ERROR"), EventTimeRange.parse("0001-01-01/2025-11-09T10:00Z"));
    assertThat(wide.parseLine(error("0001-01-01T00:00:00Z", "a")).get(0).outcome())
        .isEqualTo(Outcome.CURATED);
    assertThat(wide.parseLine(error("2025-11-09T10:00:00Z", "a")).get(0).reason())
        .isEqualTo(QuarantineReason.TIMESTAMP_OUT_OF_RANGE);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
