package io.loglake.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.loglake.schema.LogSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Parsed records → curated rows: keeps the {@code curated} outcome, drops exact duplicates, and
 * shapes the curated schema ({@link LogSchema#CURATED}). Pure: no reads, writes or actions.
 */
public final class CurateTransform {
  private static final String KEPT = "kept";

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

  /** keepCurated → dropDuplicates → toCuratedSchema. */
  public static Dataset<Row> apply(Dataset<Row> parsed) {
    return toCuratedSchema(dropDuplicates(keepCurated(parsed)));
  }
}
