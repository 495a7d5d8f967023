package io.loglake.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.hadoop.HadoopFileIO;

/**
 * The rows a reader of the curated table sees, read without loglake's code, as {@code dt|hr|fields}
 * (the form of {@code catalog/RawLogs.expectedCuratedRows}) with their counts: Parquet as Hive,
 * Athena and Spark list it (every {@code .parquet} file with no path component starting with {@code
 * _} or {@code .}), read with DuckDB; Iceberg through Iceberg's own reader ({@link
 * IcebergGenerics}), at the snapshot its catalog points to.
 */
public final class CuratedRows {
  private CuratedRows() {}

  /** Every visible Parquet file under {@code curated}, read with DuckDB. */
  public static Map<String, Long> visibleParquet(Path curated) throws SQLException {
    Map<String, Long> rows = new HashMap<>();
    List<Path> files = visibleParquetFiles(curated);
    if (files.isEmpty()) {
      return rows;
    }
    String list =
        files.stream()
            .map(p -> "'" + p.toString().replace("'", "''") + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT concat_ws('|', cast(dt AS VARCHAR), cast(hr AS VARCHAR), timestamp,"
                    + " level, service, message, user_id, ip, event_id) FROM read_parquet("
                    + list
                    + ", hive_partitioning = true)")) {
      while (rs.next()) {
        rows.merge(rs.getString(1), 1L, Long::sum);
      }
    }
    return rows;
  }

  /** The Parquet files a reader counts: no path component below {@code curated} hidden. */
  public static List<Path> visibleParquetFiles(Path curated) {
    return files(curated).stream()
        .filter(p -> !hidden(curated, p) && p.toString().endsWith(".parquet"))
        .toList();
  }

  /** Files a reader skips by name, other than Hadoop's .crc checksums of the visible files. */
  public static List<String> hiddenLeftovers(Path curated) {
    return files(curated).stream()
        .filter(p -> hidden(curated, p) && !p.toString().endsWith(".crc"))
        .map(p -> curated.relativize(p).toString().replace(File.separatorChar, '/'))
        .toList();
  }

  /**
   * The Iceberg table {@code database.table} as the embedded Derby metastore at {@code metastoreDb}
   * (a {@code LOGLAKE_HOME}'s {@code metastore/metastore_db}, of a process that has exited) points
   * to it: its {@code metadata_location}, read with plain JDBC, opened read-only. The database is
   * shut down after, so that the next process can open it.
   */
  public static Table icebergInMetastore(Path metastoreDb, String database, String table)
      throws SQLException {
    String url = "jdbc:derby:" + metastoreDb;
    String location;
    try (Connection derby = DriverManager.getConnection(url);
        PreparedStatement query =
            derby.prepareStatement(
                "SELECT p.PARAM_VALUE FROM TABLE_PARAMS p JOIN TBLS t ON p.TBL_ID = t.TBL_ID"
                    + " JOIN DBS d ON t.DB_ID = d.DB_ID WHERE d.NAME = ? AND t.TBL_NAME = ? AND"
                    + " p.PARAM_KEY = 'metadata_location'")) {
      query.setString(1, database);
      query.setString(2, table);
      try (ResultSet rs = query.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no Iceberg table " + database + "." + table + " in " + url);
        }
        location = rs.getString(1);
      }
    } finally {
      try {
        DriverManager.getConnection(url + ";shutdown=true").close();
      } catch (SQLException shutDown) {
        // Derby reports a database shut down as SQLState 08006.
        if (!"08006".equals(shutDown.getSQLState())) {
          throw shutDown;
        }
      }
    }
    HadoopFileIO io = new HadoopFileIO(new Configuration());
    return new BaseTable(new StaticTableOperations(location, io), database + "." + table);
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String name = part.toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> files(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
