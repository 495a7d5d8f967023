package io.loglake.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.loglake.config.EventTimeRange;
import io.loglake.schema.LogSchema;
import io.loglake.schema.QuarantineReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Turns one raw line (UTF-8 bytes) into records: splits {@code {…}{…}} ({@link JsonObjectSplitter},
 * which also resyncs after a broken object), parses each object with a streaming JSON parser
 * against the explicit raw schema, normalises the level, filters by level, parses the timestamp,
 * and gives every object that cannot be used a {@link QuarantineReason}.
 *
 * <p>Rules, in the order they are applied to each object (the first that applies decides, whatever
 * the order of the fields): bytes that are not UTF-8 → {@code invalid_utf8}; invalid JSON or
 * trailing text → {@code malformed_json}; not an object → {@code not_an_object}; a field of the raw
 * schema twice (after unescaping keys, so {@code "lev\u0065l"} is {@code level}) → {@code
 * duplicate_key}; a known field holding an object or array → {@code bad_field_type}; no level →
 * {@code missing_level}; a level outside the wanted ones → filtered out; no timestamp → {@code
 * missing_timestamp}; an unparseable one → {@code bad_timestamp}; one outside the event-time range
 * → {@code timestamp_out_of_range}. Unknown fields are ignored; scalars in known fields are read as
 * their text. So a structural defect is quarantined whatever the wanted levels, and the level
 * filter only ever drops well-formed records.
 *
 * <p>Invalid UTF-8 is quarantined rather than kept with U+FFFD in place of the bad bytes: a
 * replacement would change the stored message (and the dedupe key) without anyone knowing, and JSON
 * text must be UTF-8 anyway. The quarantine keeps the original bytes, so nothing is lost.
 *
 * <p>Most records are filtered out by level, so a line whose level {@link LevelPeek} can read
 * without parsing is filtered on that alone; it gives the same answer as the full parse would
 * ({@code RecordParserPropertyTest}).
 *
 * <p>Not thread-safe: use one instance per task.
 */
public final class RecordParser {
  // Jackson's default limits (string and number lengths) would make a long value a parse error;
  // lines are bounded by the reader, and the level peek applies no such limit either.
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private static final List<ParsedRecord> FILTERED = List.of(ParsedRecord.filtered());

  private final Set<String> levels;
  private final EventTimeRange eventTimeRange;
  private final LevelPeek peek = new LevelPeek();

  /** A parser with the default event-time range. */
  public RecordParser(Set<String> levels) {
    this(levels, EventTimeRange.DEFAULT);
  }

  /**
   * @param levels the normalised levels to keep (see {@link LevelNormalizer})
   * @param eventTimeRange the event times to keep; others are quarantined
   */
  public RecordParser(Set<String> levels, EventTimeRange eventTimeRange) {
    this.levels = Set.copyOf(levels);
    this.eventTimeRange = eventTimeRange;
  }

  /**
   * The records of the UTF-8 line {@code bytes[start, end)}. A line whose level is readable without
   * parsing and not wanted is filtered without being decoded; a line that the peek found to be one
   * simple object is parsed without being split or checked again.
   */
  public List<ParsedRecord> parseLine(byte[] bytes, int start, int end) {
    if (!peek.read(bytes, start, end)) {
      return parseLineWithoutPeek(bytes, start, end);
    }
    if (peek.level() != null && !levels.contains(peek.level())) {
      return FILTERED;
    }
    return List.of(parseValid(bytes, peek.objectStart(), peek.objectEnd()));
  }

  /**
   * {@link #parseLine(byte[], int, int)} without the level peek: every object is parsed in full.
   */
  List<ParsedRecord> parseLineWithoutPeek(byte[] bytes, int start, int end) {
    int[] pieces = JsonObjectSplitter.split(bytes, skipByteOrderMark(bytes, start, end), end);
    if (pieces.length == 0) {
      return List.of();
    }
    boolean lineIsUtf8 = Utf8.isValid(bytes, start, end);
    List<ParsedRecord> records = new ArrayList<>(pieces.length / JsonObjectSplitter.PIECE);
    for (int i = 0; i < pieces.length; i += JsonObjectSplitter.PIECE) {
      int pieceStart = pieces[i];
      int pieceEnd = pieces[i + 1];
      if (!lineIsUtf8 && !Utf8.isValid(bytes, pieceStart, pieceEnd)) {
        records.add(
            ParsedRecord.quarantined(
                QuarantineReason.INVALID_UTF8,
                text(bytes, pieceStart, pieceEnd),
                Base64.getEncoder()
                    .encodeToString(Arrays.copyOfRange(bytes, pieceStart, pieceEnd))));
      } else if (pieces[i + 2] == 0) {
        records.add(quarantined(QuarantineReason.MALFORMED_JSON, bytes, pieceStart, pieceEnd));
      } else {
        records.add(parseValid(bytes, pieceStart, pieceEnd));
      }
    }
    return records;
  }

  /** The records of one line; a blank line gives none. */
  public List<ParsedRecord> parseLine(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return parseLine(bytes, 0, bytes.length);
  }

  /** The index after a UTF-8 byte order mark at {@code start}, else {@code start}. */
  static int skipByteOrderMark(byte[] b, int start, int end) {
    boolean mark =
        end - start >= 3
            && b[start] == (byte) 0xEF
            && b[start + 1] == (byte) 0xBB
            && b[start + 2] == (byte) 0xBF;
    return mark ? start + 3 : start;
  }

  /**
   * Parses {@code b[start, end)}: well-formed UTF-8 holding one value that {@link JsonScanner}
   * found valid. So it starts with neither a byte order mark nor a NUL, which Jackson would take as
   * a sign of another encoding; Jackson is the judge of validity all the same.
   */
  private ParsedRecord parseValid(byte[] b, int start, int end) {
    try (JsonParser parser = JSON.createParser(b, start, end - start)) {
      return parse(parser, b, start, end);
    } catch (JsonProcessingException e) {
      return quarantined(QuarantineReason.MALFORMED_JSON, b, start, end);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse an in-memory array", e);
    }
  }

  private ParsedRecord parse(JsonParser parser, byte[] b, int start, int end) throws IOException {
    JsonToken first = parser.nextToken();
    if (first != JsonToken.START_OBJECT) {
      if (first == JsonToken.START_ARRAY) {
        parser.skipChildren();
      }
      return quarantined(
          endOfInput(parser) ? QuarantineReason.NOT_AN_OBJECT : QuarantineReason.MALFORMED_JSON,
          b,
          start,
          end);
    }
    ParsedRecord record = ParsedRecord.curated();
    boolean duplicateKey = false;
    boolean badFieldType = false;
    boolean[] seen = new boolean[LogSchema.RAW_FIELDS.size()];
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      int field = fieldIndex(parser.currentName());
      JsonToken value = parser.nextToken();
      if (field >= 0) {
        duplicateKey |= seen[field];
        seen[field] = true;
      }
      if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
        parser.skipChildren();
        badFieldType |= field >= 0;
      } else if (field >= 0) {
        assign(record, field, value == JsonToken.VALUE_NULL ? null : parser.getText());
      }
    }
    if (token != JsonToken.END_OBJECT || !endOfInput(parser)) {
      return quarantined(QuarantineReason.MALFORMED_JSON, b, start, end);
    }
    if (duplicateKey) {
      return quarantined(QuarantineReason.DUPLICATE_KEY, b, start, end);
    }
    if (badFieldType) {
      return quarantined(QuarantineReason.BAD_FIELD_TYPE, b, start, end);
    }
    record.level = LevelNormalizer.normalize(record.level);
    if (record.level == null) {
      return quarantined(QuarantineReason.MISSING_LEVEL, b, start, end);
    }
    if (!levels.contains(record.level)) {
      return ParsedRecord.filtered();
    }
    if (record.timestamp == null || record.timestamp.isBlank()) {
      return quarantined(QuarantineReason.MISSING_TIMESTAMP, b, start, end);
    }
    record.tsMicros = TimestampParser.parseMicros(record.timestamp);
    if (record.tsMicros == TimestampParser.INVALID) {
      return quarantined(QuarantineReason.BAD_TIMESTAMP, b, start, end);
    }
    if (!eventTimeRange.contains(record.tsMicros)) {
      return quarantined(QuarantineReason.TIMESTAMP_OUT_OF_RANGE, b, start, end);
    }
    return record;
  }

  private static ParsedRecord quarantined(QuarantineReason reason, byte[] b, int start, int end) {
    return ParsedRecord.quarantined(reason, text(b, start, end));
  }

  private static String text(byte[] b, int start, int end) {
    return new String(b, start, end - start, StandardCharsets.UTF_8);
  }

  private static boolean endOfInput(JsonParser parser) throws IOException {
    return parser.nextToken() == null;
  }

  private static final int TIMESTAMP = 0;
  private static final int LEVEL = 1;
  private static final int SERVICE = 2;
  private static final int MESSAGE = 3;
  private static final int USER_ID = 4;
  private static final int IP = 5;
  private static final int EVENT_ID = 6;

  /** The index in {@link LogSchema#RAW_FIELDS} of a field name, or -1 for an unknown field. */
  private static int fieldIndex(String name) {
    return switch (name) {
      case LogSchema.TIMESTAMP -> TIMESTAMP;
      case LogSchema.LEVEL -> LEVEL;
      case LogSchema.SERVICE -> SERVICE;
      case LogSchema.MESSAGE -> MESSAGE;
      case LogSchema.USER_ID -> USER_ID;
      case LogSchema.IP -> IP;
      case LogSchema.EVENT_ID -> EVENT_ID;
      default -> -1;
    };
  }

  private static void assign(ParsedRecord record, int field, String text) {
    switch (field) {
      case TIMESTAMP -> record.timestamp = text;
      case LEVEL -> record.level = text;
      case SERVICE -> record.service = text;
      case MESSAGE -> record.message = text;
      case USER_ID -> record.userId = text;
      case IP -> record.ip = text;
      case EVENT_ID -> record.eventId = text;
      default -> throw new IllegalStateException("unexpected field " + field);
    }
  }
}
