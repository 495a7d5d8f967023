package io.loglake.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What an engine wrote: its Parquet files under {@code dt=…/hr=…/}, read back with DuckDB. An
 * Iceberg table written by one commit is read the same way: its data files hold {@code dt} and
 * {@code hr} themselves (Iceberg keeps partition source columns in the files), and its metadata
 * holds no Parquet.
 */
record CuratedOutput(long bytes, int files, RowGroups groups) {

  static CuratedOutput read(Connection duckdb, Path folder, boolean partitionsInFiles) {
    BenchFiles.Tally parquet = BenchFiles.tally(folder, ".parquet");
    RowGroups groups =
        parquet.files() == 0 ? new RowGroups(Map.of()) : groups(duckdb, folder, partitionsInFiles);
    return new CuratedOutput(parquet.bytes(), parquet.files(), groups);
  }

  private static RowGroups groups(Connection duckdb, Path folder, boolean partitionsInFiles) {
    String sql =
        """
        SELECT CAST(dt AS VARCHAR), CAST(hr AS INTEGER), level, service, count(*)
        FROM read_parquet(%s, hive_partitioning = %s)
        GROUP BY ALL
        """
            .formatted(DuckDbSql.literal(folder + "/**/*.parquet"), !partitionsInFiles);
    Map<RowGroups.Key, Long> counts = new HashMap<>();
    try (Statement statement = duckdb.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        RowGroups.Key key =
            new RowGroups.Key(
                rows.getString(1), rows.getInt(2), rows.getString(3), rows.getString(4));
        counts.put(key, rows.getLong(5));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the Parquet output under " + folder, e);
    }
    return new RowGroups(counts);
  }
}
