package io.loglake.catalog;

/**
 * Quoting for the few values loglake itself puts into Spark SQL statements (catalog names it has
 * validated, storage locations it listed). User-supplied values never go through here: {@code
 * loglake query} binds them as parameters.
 */
final class Sql {
  private Sql() {}

  /** A back-quoted identifier (Spark SQL, HiveQL and Athena DDL). */
  static String identifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /**
   * A Spark SQL string literal: single-quoted, with backslashes and quotes escaped (Spark reads
   * backslash escapes in literals by default).
   */
  static String string(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
