package io.loglake.query;

import io.loglake.LoglakeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Runs SQL through Spark SQL against the session's catalog — the local stand-in for Athena.
 *
 * <p>Values come in only as named parameters ({@code :name} markers, bound by Spark's parameterised
 * {@code spark.sql(text, args)}), never by editing the text. Each result is bounded: at most {@code
 * limit} rows reach the driver, and the result says whether there were more.
 */
public final class QueryRunner {
  /** The rows of one statement that returns rows; {@code truncated} when the limit cut it. */
  public record Result(String statement, StructType schema, List<Row> rows, boolean truncated) {}

  private static final String VARIABLE_SUBSTITUTE = "spark.sql.variable.substitute";

  private QueryRunner() {}

  /**
   * Runs every statement of {@code script} in order; returns the results of those that return rows.
   */
  public static List<Result> run(
      SparkSession spark, String script, Map<String, Object> params, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the row limit must be at least 1, got " + limit);
    }
    List<String> statements = SqlScript.statements(script);
    if (statements.isEmpty()) {
      throw new LoglakeException(
          "Cannot run the query: the SQL holds no statement",
          "give a statement, e.g. --sql 'SELECT 1' or --sql sql/athena/queries/errors_by_service_yesterday.sql");
    }
    for (String name : SqlScript.parameterNames(String.join(";\n", statements))) {
      if (!params.containsKey(name)) {
        throw unbound(name);
      }
    }
    // Athena has no ${var} substitution and the DDL's storage.location.template holds ${year} etc.:
    // Spark's substitution (on by default) would blank them, so the text is run exactly as written.
    String substitute = spark.conf().get(VARIABLE_SUBSTITUTE, "true");
    spark.conf().set(VARIABLE_SUBSTITUTE, "false");
    try {
      return runAll(spark, statements, params, limit);
    } finally {
      spark.conf().set(VARIABLE_SUBSTITUTE, substitute);
    }
  }

  private static List<Result> runAll(
      SparkSession spark, List<String> statements, Map<String, Object> params, int limit) {
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      String statement = statements.get(i);
      try {
        Dataset<Row> frame = params.isEmpty() ? spark.sql(statement) : spark.sql(statement, params);
        if (frame.schema().isEmpty()) {
          continue;
        }
        List<Row> rows = frame.takeAsList(limit + 1);
        boolean truncated = rows.size() > limit;
        results.add(
            new Result(
                statement,
                frame.schema(),
                truncated ? List.copyOf(rows.subList(0, limit)) : List.copyOf(rows),
                truncated));
      } catch (LoglakeException e) {
        throw e;
      } catch (Exception e) {
        // Spark declares no checked exception, yet throws AnalysisException (a checked one in
        // Java).
        if (e instanceof AnalysisException analysis
            && "UNBOUND_SQL_PARAMETER".equals(analysis.getErrorClass())
            && analysis.getMessageParameters().containsKey("name")) {
          throw unbound(analysis.getMessageParameters().get("name"));
        }
        throw failed(statements, i, e);
      }
    }
    return results;
  }

  private static LoglakeException unbound(String name) {
    return new LoglakeException(
        "Cannot run the query: it uses :" + name + " but no --param " + name + "=… was given",
        "pass --param "
            + name
            + "=VALUE (or "
            + name
            + ":TYPE=VALUE: int, long, double, boolean, date,"
            + " timestamp)");
  }

  private static LoglakeException failed(List<String> statements, int i, Exception e) {
    String where =
        statements.size() > 1 ? " (statement " + (i + 1) + " of " + statements.size() + ")" : "";
    return new LoglakeException(
        "Cannot run the query" + where + ": " + reason(e),
        "check the SQL and that its tables exist (loglake crawl registers logs_db.raw_logs,"
            + " loglake etl registers logs_analytics.app_logs_curated)",
        e);
  }

  /**
   * A SQL file shipped on the classpath (the jar carries a copy of the repository's {@code sql/}).
   */
  public static String classpathSql(String resource) {
    try (InputStream in = QueryRunner.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new LoglakeException(
            "Cannot load the SQL file " + resource + ": it is not on the classpath",
            "rebuild the jar (mvn -DskipTests package), which copies sql/ into it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot load the SQL file " + resource + ": " + e.getMessage(),
          "rebuild the jar (mvn -DskipTests package)",
          e);
    }
  }

  /**
   * Spark's reason in one line: the first non-blank line of the message (a parse error's message
   * begins with a line break), else of the cause's, else the exception's class.
   */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null) {
        String line =
            t.getMessage()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse("");
        if (!line.isEmpty()) {
          return line;
        }
      }
    }
    return e.getClass().getName();
  }
}
