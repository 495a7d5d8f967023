package io.loglake.bench;

/** The engines compared, in the order each round runs them. */
enum Engine {
  A("loglake etl", "scripts/loglake etl, default settings"),
  B("seed job (Spark)", "the seed's Glue job in Java Spark (SeedJob)"),
  C("DuckDB", "the same transformation in DuckDB (DuckDbJob)");

  final String title;
  final String description;

  Engine(String title, String description) {
    this.title = title;
    this.description = description;
  }
}
