package io.loglake.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.loglake.config.EventTimeRange;
import io.loglake.transform.ParseTransform;
import io.loglake.transform.RawLine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Records of Spark's Kafka source (columns {@code topic}, {@code partition}, {@code offset}, {@code
 * value}) as the parser's lines: each record's value is one line (its bytes as sent, so invalid
 * UTF-8 is quarantined with them; a line end at its end is dropped), its source file {@code
 * kafka:<topic>/<partition>/<offset>}, so a quarantined record names the record it came from. A
 * value over the line limit is cut to its first KiB and quarantined as too long, as a raw file's
 * line is; a null value (a tombstone) is an empty line.
 */
public final class KafkaRecords {
  /** Bytes of a too-long value kept, as {@link RawLineIterator} keeps of a line. */
  static final int TOO_LONG_PREFIX_BYTES = RawLineIterator.TOO_LONG_PREFIX_BYTES;

  private static final StructType RECORDS =
      new StructType()
          .add(ParseTransform.SOURCE_FILE, DataTypes.StringType, false)
          .add("value", DataTypes.BinaryType);

  private KafkaRecords() {}

  /** {@code kafka:<topic>/<partition>/<offset>} and the value, of one micro-batch's records. */
  public static Dataset<Row> records(Dataset<Row> kafka) {
    return kafka.select(
        concat(
                lit("kafka:"),
                col("topic"),
                lit("/"),
                col("partition").cast("string"),
                lit("/"),
                col("offset").cast("string"))
            .as(ParseTransform.SOURCE_FILE),
        col("value"));
  }

  /** The parsed records ({@link ParseTransform#PARSED}) of {@link #records}; lazy. */
  public static Dataset<Row> parsed(
      Dataset<Row> records, Set<String> levels, EventTimeRange eventTimeRange, int maxLineBytes) {
    List<String> wanted = new ArrayList<>(levels);
    MapPartitionsFunction<Row, Row> parse =
        rows ->
            ParseTransform.parse(
                new ValueLines(rows, maxLineBytes), Set.copyOf(wanted), eventTimeRange);
    return records
        .select(RECORDS.fieldNames()[0], RECORDS.fieldNames()[1])
        .mapPartitions(parse, Encoders.row(ParseTransform.PARSED));
  }

  /** Kafka rows as raw lines. */
  private static final class ValueLines implements Iterator<RawLine> {
    private static final byte[] EMPTY = new byte[0];
    private final Iterator<Row> rows;
    private final int maxLineBytes;
    private final RawLine line = new RawLine();

    ValueLines(Iterator<Row> rows, int maxLineBytes) {
      this.rows = rows;
      this.maxLineBytes = maxLineBytes;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public RawLine next() {
      Row row = rows.next();
      String source = row.getString(0);
      byte[] value = row.isNullAt(1) ? EMPTY : (byte[]) row.get(1);
      int end = value.length;
      if (end > 0 && value[end - 1] == '\n') {
        end--;
        if (end > 0 && value[end - 1] == '\r') {
          end--;
        }
      }
      if (end > maxLineBytes) {
        return line.setTooLong(source, value, 0, Math.min(end, TOO_LONG_PREFIX_BYTES));
      }
      return line.set(source, value, 0, end);
    }
  }
}
