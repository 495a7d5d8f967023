package io.loglake.bench;

/**
 * The engines and variants compared, in the order each round runs them. A and its variants are
 * loglake as users run it; B and C run the same batch as A; C-hour is C on the new hour only, the
 * peer of A-incremental (the seed's job has no incremental run: it reads everything every time).
 */
enum Engine {
  A("A", "loglake etl", "scripts/loglake etl, default settings (Hive-style Parquet)"),
  A_ICEBERG("A-iceberg", "loglake etl, Iceberg", "scripts/loglake etl --format iceberg"),
  A_INCREMENTAL(
      "A-incremental",
      "loglake etl, one new hour",
      "scripts/loglake etl --incremental: one new hour on top of the data set's hours, already"
          + " curated by an earlier --incremental run"),
  B("B", "seed job (Spark)", "the seed's Glue job in Java Spark (SeedJob)"),
  C("C", "DuckDB", "the same transformation in DuckDB (DuckDbJob)"),
  C_HOUR("C-hour", "DuckDB, new hour", "DuckDbJob on the new hour's raw objects only");

  final String label;
  final String title;
  final String description;

  Engine(String label, String title, String description) {
    this.label = label;
    this.title = title;
    this.description = description;
  }

  /** Whether this engine processes the new hour (its rows are checked against it, not A's). */
  boolean newHourOnly() {
    return this == A_INCREMENTAL || this == C_HOUR;
  }

  /** The engines this one's time is divided by in the ratio tables: (over B, over C). */
  Engine[] peers() {
    return switch (this) {
      case A, A_ICEBERG -> new Engine[] {B, C};
      case A_INCREMENTAL -> new Engine[] {null, C_HOUR};
      default -> new Engine[0];
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
