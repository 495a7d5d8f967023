package io.loglake.transform;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.loglake.schema.LogSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.StructType;

/**
 * Raw lines → parsed records, one output row per JSON object (plus one per unreadable file), each
 * tagged with its {@link #OUTCOME}: {@code curated}, {@code filtered}, {@code quarantined} or
 * {@code unreadable}. A pure {@code Dataset → Dataset} function: no reads, writes or actions.
 *
 * <p>Input columns: {@link #LINES}. Output columns: {@link #PARSED}; data columns are set for
 * curated rows only, {@code reason}/{@code raw} for quarantined and unreadable ones.
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

  public static final String CURATED = "curated";
  public static final String FILTERED = "filtered";
  public static final String QUARANTINED = "quarantined";
  public static final String UNREADABLE = "unreadable";

  /** Raw lines: the file a line came from, the line (null on a read error), and the read error. */
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
          .add(SOURCE_FILE, StringType);

  private static final Row FILTERED_ROW = row(FILTERED, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null);

  private ParseTransform() {}

  /** Parses {@code lines} (schema {@link #LINES}), keeping the levels in {@code levels}. */
  public static Dataset<Row> apply(Dataset<Row> lines, Set<String> levels) {
    List<String> wanted = new ArrayList<>(levels);
    MapPartitionsFunction<Row, Row> parse = input -> new ParsingIterator(input, Set.copyOf(wanted));
    return lines.mapPartitions(parse, Encoders.row(PARSED));
  }

  /** Lazily expands each line into its parsed rows. */
  private static final class ParsingIterator implements Iterator<Row> {
    private final Iterator<Row> lines;
    private final RecordParser parser;
    private Iterator<Row> pending = Collections.emptyIterator();

    ParsingIterator(Iterator<Row> lines, Set<String> levels) {
      this.lines = lines;
      this.parser = new RecordParser(levels);
    }

    @Override
    public boolean hasNext() {
      while (!pending.hasNext()) {
        if (!lines.hasNext()) {
          return false;
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

    private Iterator<Row> expand(Row input) {
      String sourceFile = input.getString(0);
      String line = input.getString(1);
      if (line == null) {
        return List.of(row(UNREADABLE, null, null, null, null, null, null, null, null, null, null,
            null, input.getString(2), null, sourceFile)).iterator();
      }
      List<ParsedRecord> records = parser.parseLine(line);
      if (records.size() == 1) {
        return Collections.singletonList(toRow(records.get(0), sourceFile)).iterator();
      }
      List<Row> rows = new ArrayList<>(records.size());
      for (ParsedRecord record : records) {
        rows.add(toRow(record, sourceFile));
      }
      return rows.iterator();
    }
  }

  private static Row toRow(ParsedRecord r, String sourceFile) {
    return switch (r.outcome()) {
      case FILTERED -> FILTERED_ROW;
      case QUARANTINED -> row(QUARANTINED, null, null, null, null, null, null, null, null, null,
          null, null, r.reason().code(), r.raw(), sourceFile);
      case CURATED -> row(CURATED, r.timestamp(), r.level(), r.service(), r.message(), r.userId(),
          r.ip(), r.eventId(), r.tsMicros(), r.utcEpochDay(), r.utcHour(), r.dedupeKey(), null,
          null, sourceFile);
    };
  }

  private static Row row(Object... values) {
    return RowFactory.create(values);
  }
}
