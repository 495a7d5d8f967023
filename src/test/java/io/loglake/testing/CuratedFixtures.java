package io.loglake.testing;

import io.loglake.schema.LogSchema;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Curated rows built directly (schema {@link LogSchema#CURATED}), for tests of what reads the
 * curated table: {@code hour(date, hr, n, service)} gives {@code n} rows of one hour.
 */
public final class CuratedFixtures {
  private CuratedFixtures() {}

  /** {@code n} ERROR rows in hour {@code hr} of {@code date}, each with {@code service}. */
  public static List<Row> hour(LocalDate date, int hr, int n, String service) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant ts =
          date.atStartOfDay(java.time.ZoneOffset.UTC)
              .toInstant()
              .plusSeconds(hr * 3600L + i % 3600);
      rows.add(
          RowFactory.create(
              ts.toString(),
              "ERROR",
              service,
              "message " + i,
              "user_" + i,
              "10.0.0.1",
              Timestamp.from(ts),
              date + "-" + hr + "-" + service + "-" + i,
              Date.valueOf(date),
              hr));
    }
    return rows;
  }

  /** The rows as a dataset of the curated schema. */
  public static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, LogSchema.CURATED);
  }

  /** The service of {@code row} ({@link LogSchema#CURATED}'s third column). */
  public static String service(Row row) {
    return row.getString(2);
  }

  /** The date of {@code row}. */
  public static LocalDate dt(Row row) {
    return ((Date) row.get(8)).toLocalDate();
  }

  /** The hour of {@code row}. */
  public static int hr(Row row) {
    return row.getInt(9);
  }
}
