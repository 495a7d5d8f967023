package io.loglake.catalog;

/**
 * A catalog table {@code DATABASE.TABLE}. Both parts are restricted to letters, digits and
 * underscores (what Glue, Athena and the Hive metastore all accept), so a validated name is safe to
 * put into SQL as a back-quoted identifier. The one parser of {@code DB.TABLE}: every option,
 * config and source that names a table goes through {@link #parse}.
 */
public record TableName(String database, String table) {
  private static final String PART = "[A-Za-z0-9_]+";

  public TableName {
    if (database == null || !database.matches(PART) || table == null || !table.matches(PART)) {
      throw new IllegalArgumentException(
          "a table name is DB.TABLE with letters, digits and underscores, got '"
              + database
              + "."
              + table
              + "'");
    }
  }

  /** Parses {@code db.table}; throws {@link IllegalArgumentException} naming the bad value. */
  public static TableName parse(String qualified) {
    String text = qualified == null ? "" : qualified.trim();
    int dot = text.indexOf('.');
    if (dot < 0 || text.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException("a table name is DB.TABLE, got '" + qualified + "'");
    }
    return new TableName(text.substring(0, dot), text.substring(dot + 1));
  }

  /** {@code `db`.`table`}, for Spark SQL and Hive DDL. */
  public String quoted() {
    return Sql.identifier(database) + "." + Sql.identifier(table);
  }

  @Override
  public String toString() {
    return database + "." + table;
  }
}
