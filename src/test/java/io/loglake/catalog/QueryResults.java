package io.loglake.catalog;

import io.loglake.query.QueryRunner;
import io.loglake.query.ResultFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
