package io.loglake.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Engine C, the single-node peer: the seed job's transformation in DuckDB. Reads the GZIP NDJSON
 * with an explicit schema, parses the timestamps (UTC), keeps WARN and ERROR, and writes Parquet
 * partitioned by {@code dt}/{@code hr} in the layout Spark writes.
 *
 * <p>Usage: {@code DuckDbJob RAW_DIR CURATED_DIR}; prints its in-job time (connection open to COPY
 * done) through {@link InJobTime}.
 */
public final class DuckDbJob {
  private DuckDbJob() {}

  public static void main(String[] args) throws SQLException {
    String raw = args[0];
    String curated = args[1];
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      long start = System.nanoTime();
      statement.execute(copySql(raw, curated));
      InJobTime.print(start);
    }
  }

  static String copySql(String raw, String curated) {
    return """
        COPY (
          SELECT *, CAST(ts AS DATE) AS dt, hour(ts) AS hr
          FROM (
            SELECT *, try_cast("timestamp" AS TIMESTAMP) AS ts
            FROM read_json(%s,
              format = 'newline_delimited', compression = 'gzip',
              columns = {timestamp: 'VARCHAR', level: 'VARCHAR', service: 'VARCHAR',
                         message: 'VARCHAR', user_id: 'VARCHAR', ip: 'VARCHAR', event_id: 'VARCHAR'})
          )
          WHERE ts IS NOT NULL AND level IN ('WARN', 'ERROR')
        ) TO %s (FORMAT PARQUET, PARTITION_BY (dt, hr))
        """
        .formatted(DuckDbSql.literal(raw + "/**/*.gz"), DuckDbSql.literal(curated));
  }
}
