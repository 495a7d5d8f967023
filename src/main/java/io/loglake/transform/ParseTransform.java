package io.loglake.transform;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.loglake.config.EventTimeRange;
import io.loglake.schema.LogSchema;
import io.loglake.schema.QuarantineReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Raw lines → parsed records, tagged with their {@link #OUTCOME}: one {@code curated} or {@code
 * quarantined} row per JSON object that is kept or set aside, one {@code unreadable} row per read
 * error, and one {@code stats} row per task that counts the objects read and those filtered out by
 * level (filtered records produce no row of their own: most records are filtered, and a row each
 * would cost more than parsing them). A pure {@code Dataset → Dataset} function: no reads, writes
 * or actions.
 *
 * <p>Input columns: {@link #LINES}. Output columns: {@link #PARSED}; data columns are set for
 * curated rows only, {@code reason}/{@code raw} for quarantined and unreadable ones (plus {@code
 * raw_base64}, the original bytes, for records quarantined as {@code invalid_utf8}), the two counts
 * for stats rows only.
 */
public final class ParseTransform {
  public static final String SOURCE_FILE = "source_file";
  public static final String LINE = "line";
  public static final String READ_ERROR = "read_error";
  public static final String OUTCOME = "outcome";
  public static final String TS_MICROS = "ts_micros";
  public static final String EPOCH_DAY = "epoch_day";
  public static final String DEDUPE_KEY = "dedupe_key";
  public static final String REASON = "reason";
  public static final String RAW = "raw";
  public static final String RAW_BASE64 = "raw_base64";
  public static final String READ_COUNT = "read_count";
  public static final String FILTERED_COUNT = "filtered_count";

  public static final String CURATED = "curated";
  public static final String STATS = "stats";
  public static final String QUARANTINED = "quarantined";
  public static final String UNREADABLE = "unreadable";

  /**
   * Raw lines: the file a line came from, the line (null on a read error), and the read error; both
   * a line and a read error: the line was longer than the reader's limit and holds its first KiB.
   */
  public static final StructType LINES =
      new StructType()
          .add(SOURCE_FILE, StringType, false)
          .add(LINE, StringType)
          .add(READ_ERROR, StringType);

  public static final StructType PARSED =
      new StructType()
          .add(OUTCOME, StringType, false)
          .add(LogSchema.TIMESTAMP, StringType)
          .add(LogSchema.LEVEL, StringType)
          .add(LogSchema.SERVICE, StringType)
          .add(LogSchema.MESSAGE, StringType)
          .add(LogSchema.USER_ID, StringType)
          .add(LogSchema.IP, StringType)
          .add(LogSchema.EVENT_ID, StringType)
          .add(TS_MICROS, LongType)
          .add(EPOCH_DAY, IntegerType)
          .add(LogSchema.HR, IntegerType)
          .add(DEDUPE_KEY, StringType)
          .add(REASON, StringType)
          .add(RAW, StringType)
          .add(RAW_BASE64, StringType)
          .add(SOURCE_FILE, StringType)
          .add(READ_COUNT, LongType)
          .add(FILTERED_COUNT, LongType);

  private ParseTransform() {}

  /** {@link #apply(Dataset, Set, EventTimeRange)} with the default event-time range. */
  public static Dataset<Row> apply(Dataset<Row> lines, Set<String> levels) {
    return apply(lines, levels, EventTimeRange.DEFAULT);
  }

  /**
   * Parses {@code lines} (schema {@link #LINES}), keeping the levels in {@code levels} and the
   * events in {@code eventTimeRange}.
   */
  public static Dataset<Row> apply(
      Dataset<Row> lines, Set<String> levels, EventTimeRange eventTimeRange) {
    List<String> wanted = new ArrayList<>(levels);
    MapPartitionsFunction<Row, Row> parse =
        input -> parse(new RowLines(input), Set.copyOf(wanted), eventTimeRange);
    return lines.mapPartitions(parse, Encoders.row(PARSED));
  }

  /**
   * The same transformation on one task's raw lines, for sources that read and parse in one step
   * instead of materialising the lines as a dataset first.
   */
  public static Iterator<Row> parse(
      Iterator<RawLine> lines, Set<String> levels, EventTimeRange eventTimeRange) {
    return new ParsingIterator(lines, levels, eventTimeRange);
  }

  /** Rows of {@link #LINES} as raw lines. */
  private static final class RowLines implements Iterator<RawLine> {
    private final Iterator<Row> rows;
    private final RawLine line = new RawLine();

    RowLines(Iterator<Row> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public RawLine next() {
      Row row = rows.next();
      if (row.isNullAt(1)) {
        return line.setError(row.getString(0), row.getString(2));
      }
      byte[] bytes = row.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return row.isNullAt(2)
          ? line.set(row.getString(0), bytes, 0, bytes.length)
          : line.setTooLong(row.getString(0), bytes, 0, bytes.length);
    }
  }

  /** Lazily expands each line into its parsed rows. */
  private static final class ParsingIterator implements Iterator<Row> {
    private final Iterator<RawLine> lines;
    private final RecordParser parser;
    private Iterator<Row> pending = Collections.emptyIterator();
    private long read;
    private long filtered;
    private boolean statsEmitted;

    ParsingIterator(Iterator<RawLine> lines, Set<String> levels, EventTimeRange eventTimeRange) {
      this.lines = lines;
      this.parser = new RecordParser(levels, eventTimeRange);
    }

    @Override
    public boolean hasNext() {
      while (!pending.hasNext()) {
        if (!lines.hasNext()) {
          if (statsEmitted) {
            return false;
          }
          statsEmitted = true;
          pending =
              List.of(
                      row(
                          STATS, null, null, null, null, null, null, null, null, null, null, null,
                          null, null, null, null, read, filtered))
                  .iterator();
          return true;
        }
        pending = expand(lines.next());
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.next();
    }

    private Iterator<Row> expand(RawLine input) {
      String sourceFile = input.sourceFile();
      if (input.readError() != null) {
        return List.of(
                row(
                    UNREADABLE,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    input.readError(),
                    null,
                    null,
                    sourceFile,
                    null,
                    null))
            .iterator();
      }
      if (input.tooLong()) {
        read++;
        return List.of(
                toRow(
                    ParsedRecord.quarantined(QuarantineReason.LINE_TOO_LONG, input.text()),
                    sourceFile))
            .iterator();
      }
      List<ParsedRecord> records = parser.parseLine(input.bytes, input.start, input.end);
      read += records.size();
      List<Row> rows = new ArrayList<>(records.size());
      for (ParsedRecord record : records) {
        if (record.outcome() == ParsedRecord.Outcome.FILTERED) {
          filtered++;
        } else {
          rows.add(toRow(record, sourceFile));
        }
      }
      return rows.iterator();
    }
  }

  private static Row toRow(ParsedRecord r, String sourceFile) {
    return switch (r.outcome()) {
      case QUARANTINED ->
          row(
              QUARANTINED,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              r.reason().code(),
              r.raw(),
              r.rawBase64(),
              sourceFile,
              null,
              null);
      case CURATED ->
          row(
              CURATED,
              r.timestamp(),
              r.level(),
              r.service(),
              r.message(),
              r.userId(),
              r.ip(),
              r.eventId(),
              r.tsMicros(),
              r.utcEpochDay(),
              r.utcHour(),
              r.dedupeKey(),
              null,
              null,
              null,
              sourceFile,
              null,
              null);
      case FILTERED -> throw new IllegalStateException("filtered records have no row");
    };
  }

  private static Row row(Object... values) {
    return RowFactory.create(values);
  }
}
