package io.loglake.transform;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.loglake.pii.PiiMasker;
import io.loglake.schema.LogSchema;
import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Parsed records → curated rows: keeps the {@code curated} outcome, drops exact duplicates, and
 * shapes the curated schema ({@link LogSchema#CURATED}). Pure: no reads, writes or actions.
 */
public final class CurateTransform {
  private static final String KEPT = "kept";
  private static final String KNOWN_KEY = "known_dedupe_key";
  private static final String KNOWN_TS = "known_ts_micros";

  /**
   * {@link ParsedRecord#dedupeKey} of a curated row, from its columns: the same Java code that
   * keyed the parsed record, so a row read back from the table has exactly the key it had when
   * written (no stored key, no schema change).
   */
  private static final UserDefinedFunction CURATED_DEDUPE_KEY =
      functions.udf(
          (UDF7<String, String, String, String, String, String, String, String>)
              ParsedRecord::dedupeKey,
          DataTypes.StringType);

  private CurateTransform() {}

  /** The curated-outcome rows of {@code parsed} (schema {@link ParseTransform#PARSED}). */
  public static Dataset<Row> keepCurated(Dataset<Row> parsed) {
    return parsed.where(col(ParseTransform.OUTCOME).equalTo(ParseTransform.CURATED));
  }

  /**
   * One row per {@link ParseTransform#DEDUPE_KEY}: the same {@code event_id} when present, else the
   * same content. When copies differ (one event_id, two contents) the smallest row wins, so that a
   * rerun on the same input keeps the same one.
   */
  public static Dataset<Row> dropDuplicates(Dataset<Row> curated) {
    Column[] fields = {
      col(LogSchema.TIMESTAMP),
      col(LogSchema.LEVEL),
      col(LogSchema.SERVICE),
      col(LogSchema.MESSAGE),
      col(LogSchema.USER_ID),
      col(LogSchema.IP),
      col(LogSchema.EVENT_ID),
      col(ParseTransform.TS_MICROS),
      col(ParseTransform.EPOCH_DAY),
      col(LogSchema.HR)
    };
    return curated
        .groupBy(col(ParseTransform.DEDUPE_KEY))
        .agg(min(struct(fields)).as(KEPT))
        .select(col(KEPT + ".*"));
  }

  /** Shapes deduplicated rows to the curated schema: {@code ts} and {@code dt} in UTC. */
  public static Dataset<Row> toCuratedSchema(Dataset<Row> rows) {
    return rows.select(
        col(LogSchema.TIMESTAMP),
        col(LogSchema.LEVEL),
        col(LogSchema.SERVICE),
        col(LogSchema.MESSAGE),
        col(LogSchema.USER_ID),
        col(LogSchema.IP),
        expr("timestamp_micros(" + ParseTransform.TS_MICROS + ")").as(LogSchema.TS),
        col(LogSchema.EVENT_ID),
        expr("date_from_unix_date(" + ParseTransform.EPOCH_DAY + ")").as(LogSchema.DT),
        col(LogSchema.HR));
  }

  /** The dedupe key of a row of the curated schema ({@link LogSchema#CURATED}). */
  public static Column curatedDedupeKey() {
    return CURATED_DEDUPE_KEY.apply(
        col(LogSchema.EVENT_ID),
        col(LogSchema.TIMESTAMP),
        col(LogSchema.LEVEL),
        col(LogSchema.SERVICE),
        col(LogSchema.MESSAGE),
        col(LogSchema.USER_ID),
        col(LogSchema.IP));
  }

  /**
   * The rows of {@code rows} that {@code existing} does not already hold: a row is dropped when
   * {@code existing} has a row with its dedupe key whose {@code ts} is at most {@code window} away
   * from its own (both of the curated schema). Copies further apart are both kept.
   */
  public static Dataset<Row> withoutRowsIn(
      Dataset<Row> rows, Dataset<Row> existing, Duration window) {
    long windowMicros = window.toNanos() / 1_000;
    Dataset<Row> known =
        existing.select(
            curatedDedupeKey().as(KNOWN_KEY),
            expr("unix_micros(" + LogSchema.TS + ")").as(KNOWN_TS));
    Column sameRecord =
        curatedDedupeKey()
            .equalTo(col(KNOWN_KEY))
            .and(
                abs(expr("unix_micros(" + LogSchema.TS + ")").minus(col(KNOWN_TS)))
                    .leq(windowMicros));
    return rows.join(known, sameRecord, "left_anti");
  }

  /** keepCurated → dropDuplicates → toCuratedSchema. */
  public static Dataset<Row> apply(Dataset<Row> parsed) {
    return apply(parsed, null);
  }

  /**
   * keepCurated → {@link PiiTransform} (when {@code masker} is not null) → dropDuplicates →
   * toCuratedSchema: duplicates are found on the masked values, as the cross-run dedupe finds them
   * in the table.
   */
  public static Dataset<Row> apply(Dataset<Row> parsed, PiiMasker masker) {
    return toCuratedSchema(dropDuplicates(PiiTransform.apply(keepCurated(parsed), masker)));
  }
}
