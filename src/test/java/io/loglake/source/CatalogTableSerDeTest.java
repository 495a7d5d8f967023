package io.loglake.source;

import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.catalog.RawLogs;
import io.loglake.catalog.RawTableDefinition;
import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.config.LoglakeHome;
import io.loglake.job.EtlJob;
import io.loglake.testing.CuratedRows;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: the Glue jar does not ship hive-hcatalog-core, because nothing in the Spark path loads
 * a raw table's SerDe: {@code etl --table} reads the files behind the table's partitions itself. A
 * table whose SerDe class is on no classpath (the seed's Glue crawler declares the OpenX one, which
 * Glue's Spark does not have) is read all the same.
 */
@ExtendWith(SparkTestSession.class)
class CatalogTableSerDeTest {
  private static final String TABLE = "serde_test.raw_logs";
  private static final String ABSENT_SERDE = "org.openx.data.jsonserde.JsonSerDe";

  @TempDir Path dir;

  @AfterEach
  void dropTheTable(SparkSession spark) {
    spark.sql("DROP TABLE IF EXISTS " + TABLE);
  }

  @Test
  void aTableWhoseSerDeIsOnNoClasspathIsReadThroughItsPartitionsFiles(SparkSession spark)
      throws Exception {
    assertThatThrownBy(() -> Class.forName(ABSENT_SERDE))
        .isInstanceOf(ClassNotFoundException.class);
    Path raw = dir.resolve("raw");
    gzipFile(
        raw.resolve("2025/11/09/10/stream-1-2025-11-09-10-00-00-a.gz"),
        record("2025-11-09T10:01:00Z", "ERROR", "checkout", "serde 1", "u1", "e1"),
        record("2025-11-09T10:02:00Z", "INFO", "checkout", "serde 2", "u1", "e2"),
        record("2025-11-09T10:03:00Z", "WARN", "auth", "serde 3", "u2", "e3"));
    gzipFile(
        raw.resolve("2025/11/09/11/stream-1-2025-11-09-11-00-00-b.gz"),
        record("2025-11-09T11:04:00Z", "ERROR", "auth", "serde 4", "u3", "e4"));
    spark.sql("CREATE DATABASE IF NOT EXISTS serde_test");
    // As loglake crawl creates it (Hive validates the SerDe class when a table is created) ...
    spark.sql(RawTableDefinition.createTableSql(TableName.parse(TABLE), raw.toUri().toString()));
    for (String hour : new String[] {"10", "11"}) {
      spark.sql(
          "ALTER TABLE "
              + TABLE
              + " ADD PARTITION (year='2025', month='11', day='09', hour='"
              + hour
              + "') LOCATION '"
              + raw.resolve("2025/11/09/" + hour).toUri()
              + "'");
    }
    // ... then declared with a SerDe no classpath has, behind Hive's back, in the metastore itself.
    int rewritten = declareSerDe(ABSENT_SERDE);
    assertThat(rewritten).as("SerDe rows of the table and its 2 partitions").isEqualTo(3);
    assertThat(
            spark
                .sharedState()
                .externalCatalog()
                .getTable("serde_test", "raw_logs")
                .storage()
                .serde()
                .get())
        .isEqualTo(ABSENT_SERDE);
    Path curated = dir.resolve("curated");

    EtlJob.run(
        spark,
        EtlConfig.builder()
            .table(TableName.parse(TABLE))
            .curatedPath(curated.toString())
            .levels(Set.of("WARN", "ERROR"))
            .noRegister()
            .build());

    assertThat(CuratedRows.visibleParquet(curated))
        .isEqualTo(RawLogs.expectedCuratedRows(RawLogs.read(raw)))
        .hasSize(3);
  }

  /** Rewrites the SerDe class of the table and its partitions in the test metastore (Derby). */
  private static int declareSerDe(String serde) throws SQLException {
    Path metastore = Path.of("target", "test-home").toAbsolutePath();
    String url = "jdbc:derby:" + new LoglakeHome(metastore).metastore().resolve("metastore_db");
    String ofTheTable =
        "SELECT s.SERDE_ID FROM SDS s JOIN TBLS t ON t.SD_ID = s.SD_ID"
            + " JOIN DBS d ON d.DB_ID = t.DB_ID WHERE d.NAME = 'serde_test' AND t.TBL_NAME = 'raw_logs'";
    String ofItsPartitions =
        "SELECT s.SERDE_ID FROM SDS s JOIN PARTITIONS p ON p.SD_ID = s.SD_ID"
            + " JOIN TBLS t ON t.TBL_ID = p.TBL_ID JOIN DBS d ON d.DB_ID = t.DB_ID"
            + " WHERE d.NAME = 'serde_test' AND t.TBL_NAME = 'raw_logs'";
    try (Connection derby = DriverManager.getConnection(url);
        PreparedStatement update =
            derby.prepareStatement(
                "UPDATE SERDES SET SLIB = ? WHERE SERDE_ID IN ("
                    + ofTheTable
                    + ") OR SERDE_ID IN ("
                    + ofItsPartitions
                    + ")")) {
      update.setString(1, serde);
      return update.executeUpdate();
    }
  }
}
