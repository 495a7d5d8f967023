package io.loglake.catalog;

import io.loglake.query.QueryRunner;
import io.loglake.query.ResultFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs the repository's sql/ files the way {@code loglake query} does and flattens the results. */
final class QueryResults {
  private QueryResults() {}

  static String file(String relative) {
    try {
      return Files.readString(Path.of("sql").resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of the last result of {@code sql/relative}, each as its values joined by '|'. */
  static List<String> rows(SparkSession spark, String relative) {
    return rowsOf(spark, file(relative));
  }

  /**
   * As {@link #rows}, with the query's clock pinned at {@code now}: {@code current_date} and {@code
   * current_timestamp} stand for that day and instant (UTC, the session's time zone), so that the
   * test's expectation and the query use one date even when a run crosses midnight.
   */
  static List<String> rowsAt(SparkSession spark, String relative, Instant now) {
    String sql = file(relative);
    Pattern date = Pattern.compile("(?i)\\bcurrent_date\\b");
    Pattern timestamp = Pattern.compile("(?i)\\bcurrent_timestamp\\b");
    if (!date.matcher(sql).find() && !timestamp.matcher(sql).find()) {
      throw new IllegalArgumentException(relative + " does not read the clock");
    }
    LocalDateTime utc = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    sql = date.matcher(sql).replaceAll("DATE '" + utc.toLocalDate() + "'");
    sql =
        timestamp
            .matcher(sql)
            .replaceAll("TIMESTAMP '" + utc.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "'");
    return rowsOf(spark, sql);
  }

  static List<String> rowsOf(SparkSession spark, String sql) {
    List<QueryRunner.Result> results = QueryRunner.run(spark, sql, Map.of(), 10_000);
    QueryRunner.Result last = results.get(results.size() - 1);
    List<String> rows = new ArrayList<>();
    for (Row row : last.rows()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(row.isNullAt(i) ? "NULL" : ResultFormat.text(row.get(i)));
      }
      rows.add(String.join("|", values));
    }
    return rows;
  }
}
