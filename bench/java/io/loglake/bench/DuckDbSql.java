package io.loglake.bench;

/**
 * SQL text helpers for DuckDB statements that cannot take bound parameters (COPY, table functions).
 */
final class DuckDbSql {
  private DuckDbSql() {}

  /** {@code text} as a single-quoted SQL string literal. */
  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
