package io.loglake.cli;

import io.loglake.LoglakeException;
import io.loglake.query.QueryRunner;
import io.loglake.query.ResultFormat;
import io.loglake.query.SqlScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loglake query}: SQL through Spark SQL against the local catalog (the embedded metastore
 * under $LOGLAKE_HOME, or the platform's catalog under spark-submit) — the local stand-in for
 * Athena.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Run SQL against the catalog (logs_db.raw_logs, logs_analytics.app_logs_curated) and print the result.",
      "Values are bound as named parameters: write :name in the SQL and pass --param name=value."
    })
public final class QueryCommand extends SparkCommand {
  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 1_000_000;

  @Mixin SparkOptions sparkOptions;

  @Option(
      names = "--sql",
      required = true,
      paramLabel = "FILE|SQL",
      description = "A .sql file (one or more statements separated by ';') or the SQL text itself.")
  String sql;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, csv or json (one object per line). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--param",
      paramLabel = "NAME[:TYPE]=VALUE",
      description =
          "Binds :NAME. TYPE is string (default), int, long, double, boolean, date (YYYY-MM-DD)"
              + " or timestamp (ISO-8601 with offset). Repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--limit",
      paramLabel = "ROWS",
      defaultValue = "" + DEFAULT_LIMIT,
      description = "Print at most this many rows of each result (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  String master() {
    return sparkOptions.master();
  }

  @Override
  int execute() {
    ResultFormat resultFormat;
    try {
      resultFormat = ResultFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid --format: " + e.getMessage());
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw usage("Invalid --limit: " + limit + " is not between 1 and " + MAX_LIMIT);
    }
    Map<String, Object> bound = parameters();
    String text = sqlText();
    Set<String> used = SqlScript.parameterNames(text);
    for (String name : bound.keySet()) {
      if (!used.contains(name)) {
        throw usage(
            "Invalid --param "
                + name
                + ": the SQL has no :"
                + name
                + (used.isEmpty()
                    ? " (it uses no parameter)"
                    : " (it uses :" + String.join(", :", used) + ")"));
      }
    }
    print(QueryRunner.run(spark(), text, bound, limit), resultFormat, out());
    return Main.EXIT_OK;
  }

  /** Prints each result, a blank line between two of them. */
  static void print(List<QueryRunner.Result> results, ResultFormat format, PrintWriter out) {
    for (int i = 0; i < results.size(); i++) {
      if (i > 0) {
        out.println();
      }
      format.print(results.get(i), out);
    }
    out.flush();
  }

  /** The SQL: the file's contents when {@code --sql} names a file, else the text as given. */
  private String sqlText() {
    String value = sql.strip();
    if (value.isEmpty()) {
      throw usage("Invalid --sql: it is empty");
    }
    Path file = null;
    try {
      if (!value.contains("\n")) {
        file = Path.of(value);
      }
    } catch (InvalidPathException e) {
      file = null;
    }
    if (file != null && Files.isRegularFile(file)) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new LoglakeException(
            "Cannot read the SQL file " + file + ": " + e.getMessage(),
            "check that the file is readable",
            e);
      }
    }
    if (value.toLowerCase(java.util.Locale.ROOT).endsWith(".sql") && !value.contains(" ")) {
      throw usage("Invalid --sql: no such file: " + value);
    }
    return value;
  }

  private Map<String, Object> parameters() {
    Map<String, Object> bound = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : params.entrySet()) {
      String key = entry.getKey();
      int colon = key.indexOf(':');
      String name = colon < 0 ? key : key.substring(0, colon);
      String type = colon < 0 ? "string" : key.substring(colon + 1);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw usage(
            "Invalid --param " + key + "=…: the name must be letters, digits and underscores");
      }
      if (bound.containsKey(name)) {
        throw usage("Invalid --param: " + name + " is given twice");
      }
      bound.put(name, value(name, type, entry.getValue()));
    }
    return bound;
  }

  private Object value(String name, String type, String text) {
    try {
      return switch (type) {
        case "string" -> text;
        case "int" -> Integer.valueOf(text.trim());
        case "long" -> Long.valueOf(text.trim());
        case "double" -> Double.valueOf(text.trim());
        case "boolean" -> {
          if (!text.trim().equalsIgnoreCase("true") && !text.trim().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("not true or false");
          }
          yield Boolean.valueOf(text.trim());
        }
        case "date" -> LocalDate.parse(text.trim());
        case "timestamp" -> {
          Instant instant = OffsetDateTime.parse(text.trim()).toInstant();
          yield java.sql.Timestamp.from(instant);
        }
        default ->
            throw usage(
                "Invalid --param "
                    + name
                    + ":"
                    + type
                    + ": the type must be string, int, long, double, boolean, date or timestamp");
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw usage("Invalid --param " + name + ":" + type + "=" + text + ": not a " + type);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid --param " + name + ":" + type + "=" + text + ": " + e.getMessage());
    }
  }
}
