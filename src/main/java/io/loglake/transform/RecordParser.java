package io.loglake.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.loglake.schema.LogSchema;
import io.loglake.schema.QuarantineReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns one raw line into records: splits {@code {…}{…}}, parses each object with a streaming JSON
 * parser against the explicit raw schema, normalises the level, filters by level, parses the
 * timestamp, and gives every object that cannot be used a {@link QuarantineReason}.
 *
 * <p>Rules, in the order they are applied: invalid JSON or trailing text → {@code malformed_json};
 * not an object → {@code not_an_object}; a known field holding an object or array →
 * {@code bad_field_type}; no level → {@code missing_level}; a level outside the wanted ones →
 * filtered out (parsing stops there, so such lines are not parsed in full); no timestamp →
 * {@code missing_timestamp}; an unparseable one → {@code bad_timestamp}. Unknown fields are ignored;
 * scalars in known fields are read as their text; when a field appears twice the first one counts.
 *
 * <p>Most records are filtered out by level, so a line whose level {@link LevelPeek} can read without
 * parsing is filtered on that alone; it gives the same answer as the full parse would.
 *
 * <p>Not thread-safe: use one instance per task.
 */
public final class RecordParser {
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final JsonFactory JSON = new JsonFactory();

  private static final List<ParsedRecord> FILTERED = List.of(ParsedRecord.filtered());

  private final Set<String> levels;

  /** @param levels the normalised levels to keep (see {@link LevelNormalizer}) */
  public RecordParser(Set<String> levels) {
    this.levels = Set.copyOf(levels);
  }

  /**
   * The records of the UTF-8 line {@code bytes[start, end)}. A line whose level is readable without
   * parsing and not wanted is filtered without being decoded.
   */
  public List<ParsedRecord> parseLine(byte[] bytes, int start, int end) {
    String level = LevelPeek.peek(bytes, start, end);
    if (level != null && !levels.contains(level)) {
      return FILTERED;
    }
    return parseDecoded(new String(bytes, start, end - start, StandardCharsets.UTF_8));
  }

  /** {@link #parseLine(byte[], int, int)} without the level peek: every object is parsed in full. */
  List<ParsedRecord> parseLineWithoutPeek(byte[] bytes, int start, int end) {
    return parseDecoded(new String(bytes, start, end - start, StandardCharsets.UTF_8));
  }

  /** The records of one line; a blank line gives none. */
  public List<ParsedRecord> parseLine(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return parseLine(bytes, 0, bytes.length);
  }

  private List<ParsedRecord> parseDecoded(String line) {
    if (!line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
      line = line.substring(1);
    }
    if (line.isBlank()) {
      return List.of();
    }
    List<String> objects = JsonObjectSplitter.split(line);
    if (objects.size() == 1) {
      return List.of(parseObject(objects.get(0)));
    }
    List<ParsedRecord> records = new ArrayList<>(objects.size());
    for (String object : objects) {
      records.add(parseObject(object));
    }
    return records;
  }

  /** Parses the text of one JSON object. */
  public ParsedRecord parseObject(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      return parse(parser, text);
    } catch (JsonProcessingException e) {
      return ParsedRecord.quarantined(QuarantineReason.MALFORMED_JSON, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse an in-memory string", e);
    }
  }

  private ParsedRecord parse(JsonParser parser, String text) throws IOException {
    JsonToken first = parser.nextToken();
    if (first != JsonToken.START_OBJECT) {
      if (first == JsonToken.START_ARRAY) {
        parser.skipChildren();
      }
      return endOfInput(parser)
          ? ParsedRecord.quarantined(QuarantineReason.NOT_AN_OBJECT, text)
          : ParsedRecord.quarantined(QuarantineReason.MALFORMED_JSON, text);
    }
    ParsedRecord record = ParsedRecord.curated();
    boolean seenLevel = false;
    boolean badFieldType = false;
    boolean[] seen = new boolean[LogSchema.RAW_FIELDS.size()];
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      int field = fieldIndex(parser.currentName());
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
        parser.skipChildren();
        badFieldType |= field >= 0;
        continue;
      }
      if (field < 0 || seen[field]) {
        continue;
      }
      seen[field] = true;
      String fieldText = value == JsonToken.VALUE_NULL ? null : parser.getText();
      if (field == LEVEL) {
        seenLevel = true;
        record.level = LevelNormalizer.normalize(fieldText);
        if (record.level != null && !levels.contains(record.level) && !badFieldType) {
          return ParsedRecord.filtered();
        }
      } else {
        assign(record, field, fieldText);
      }
    }
    if (token != JsonToken.END_OBJECT || !endOfInput(parser)) {
      return ParsedRecord.quarantined(QuarantineReason.MALFORMED_JSON, text);
    }
    if (badFieldType) {
      return ParsedRecord.quarantined(QuarantineReason.BAD_FIELD_TYPE, text);
    }
    if (!seenLevel || record.level == null) {
      return ParsedRecord.quarantined(QuarantineReason.MISSING_LEVEL, text);
    }
    if (!levels.contains(record.level)) {
      return ParsedRecord.filtered();
    }
    if (record.timestamp == null || record.timestamp.isBlank()) {
      return ParsedRecord.quarantined(QuarantineReason.MISSING_TIMESTAMP, text);
    }
    record.tsMicros = TimestampParser.parseMicros(record.timestamp);
    if (record.tsMicros == TimestampParser.INVALID) {
      return ParsedRecord.quarantined(QuarantineReason.BAD_TIMESTAMP, text);
    }
    return record;
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
      case SERVICE -> record.service = text;
      case MESSAGE -> record.message = text;
      case USER_ID -> record.userId = text;
      case IP -> record.ip = text;
      case EVENT_ID -> record.eventId = text;
      default -> throw new IllegalStateException("unexpected field " + field);
    }
  }
}
