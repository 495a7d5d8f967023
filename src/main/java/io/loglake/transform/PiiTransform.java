package io.loglake.transform;

import io.loglake.pii.PiiMasker;
import io.loglake.schema.LogSchema;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Masks {@code ip} and {@code user_id} of parsed curated records ({@link ParseTransform#PARSED}) on
 * the executors, and recomputes their {@link ParseTransform#DEDUPE_KEY} from the masked values: the
 * cross-run dedupe recomputes the key of the rows already in the table from their stored (so
 * masked) columns, and the two must agree, or a rerun would write its records again. The
 * consequence: records that differ only in what masking removes (with {@code truncate}, the last
 * octet of the address) and have no {@code event_id} are one record. Pure: no reads, writes or
 * actions.
 *
 * <p>The key travels inside the masker, a field of the partition function, never as a literal of
 * the plan: plan strings and the Spark UI show {@code MapPartitions} and no value.
 */
public final class PiiTransform {
  private static final int USER_ID = ParseTransform.PARSED.fieldIndex(LogSchema.USER_ID);
  private static final int IP = ParseTransform.PARSED.fieldIndex(LogSchema.IP);
  private static final int DEDUPE_KEY = ParseTransform.PARSED.fieldIndex(ParseTransform.DEDUPE_KEY);
  private static final int EVENT_ID = ParseTransform.PARSED.fieldIndex(LogSchema.EVENT_ID);
  private static final int TIMESTAMP = ParseTransform.PARSED.fieldIndex(LogSchema.TIMESTAMP);
  private static final int LEVEL = ParseTransform.PARSED.fieldIndex(LogSchema.LEVEL);
  private static final int SERVICE = ParseTransform.PARSED.fieldIndex(LogSchema.SERVICE);
  private static final int MESSAGE = ParseTransform.PARSED.fieldIndex(LogSchema.MESSAGE);

  private PiiTransform() {}

  /**
   * {@code curated} masked by {@code masker}; {@code curated} itself when {@code masker} is null.
   */
  public static Dataset<Row> apply(Dataset<Row> curated, PiiMasker masker) {
    if (masker == null) {
      return curated;
    }
    return curated.mapPartitions(new MaskPartition(masker), Encoders.row(ParseTransform.PARSED));
  }

  /** One parsed curated row with its PII masked and its dedupe key recomputed. */
  static Row mask(Row row, PiiMasker.Masking masking) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    String userId = masking.userId(row.getString(USER_ID));
    String ip = masking.ip(row.getString(IP));
    values[USER_ID] = userId;
    values[IP] = ip;
    values[DEDUPE_KEY] =
        ParsedRecord.dedupeKey(
            row.getString(EVENT_ID),
            row.getString(TIMESTAMP),
            row.getString(LEVEL),
            row.getString(SERVICE),
            row.getString(MESSAGE),
            userId,
            ip);
    return RowFactory.create(values);
  }

  /** Opens one {@link PiiMasker.Masking} (one {@code Mac}) per partition. */
  private static final class MaskPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final PiiMasker masker;

    MaskPartition(PiiMasker masker) {
      this.masker = masker;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      PiiMasker.Masking masking = masker.open();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          return mask(rows.next(), masking);
        }
      };
    }

    @Override
    public String toString() {
      return "MaskPartition[" + masker + "]";
    }
  }
}
