package io.loglake.source;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.warn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.query.QueryRunner;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Item 7: a catalog table with Athena's partition projection and no registered partition. */
@ExtendWith(SparkTestSession.class)
class CatalogTableSourceTest {
  private static final String TABLE = "projection_test.raw_logs";

  @TempDir Path dir;

  @BeforeEach
  void noTable(SparkSession spark) {
    spark.sql("CREATE DATABASE IF NOT EXISTS projection_test");
    spark.sql("DROP TABLE IF EXISTS " + TABLE);
  }

  private RunReport run(SparkSession spark) {
    return EtlJob.run(
        spark,
        EtlConfig.builder()
            .table(TableName.parse(TABLE))
            .curatedPath(dir.resolve("curated").toString())
            .levels(Set.of("WARN", "ERROR"))
            .noRegister()
            .build());
  }

  /**
   * sql/athena/ddl/02_raw_logs.sql as shipped, over the test folder instead of the example bucket.
   */
  private void createFromTheAthenaDdl(SparkSession spark) throws Exception {
    String ddl =
        Files.readString(Path.of("sql/athena/ddl/02_raw_logs.sql"))
            .replace("s3://de-logs-streaming-yourname/", dir.toUri().toString())
            .replace("logs_db.raw_logs", TABLE);
    QueryRunner.run(spark, ddl, Map.of(), 10);
  }

  @Test
  void aProjectedTableIsReadThroughItsTemplateAndRangesOnly(SparkSession spark) throws Exception {
    gzipFile(dir.resolve("raw/2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    gzipFile(dir.resolve("raw/2025/11/09/11/b.gz"), warn("2025-11-09T11:00:00Z", "b"));
    // Folders Athena would not project: a year outside 2025-2035, month 13, one digit for two, not
    // a number.
    gzipFile(dir.resolve("raw/2024/12/31/23/old.gz"), error("2024-12-31T23:00:00Z", "x"));
    gzipFile(dir.resolve("raw/2025/13/01/00/x.gz"), error("2025-11-09T10:00:00Z", "x"));
    gzipFile(dir.resolve("raw/2025/11/9/10/x.gz"), error("2025-11-09T10:00:00Z", "x"));
    gzipFile(dir.resolve("raw/2025/11/09/notes/x.gz"), error("2025-11-09T10:00:00Z", "x"));
    createFromTheAthenaDdl(spark);
    assertThat(spark.sql("SHOW PARTITIONS " + TABLE).count()).isZero();

    RunReport report = run(spark);

    assertThat(report.filesRead()).isEqualTo(2);
    assertThat(report.recordsRead()).isEqualTo(2);
    assertThat(report.recordsWritten()).isEqualTo(2);
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void aProjectionThatMatchesNothingOrATableWithoutPartitionsSaysWhyNothingWasRead(
      SparkSession spark) throws Exception {
    gzipFile(dir.resolve("raw/2019/11/09/10/a.gz"), error("2019-11-09T10:00:00Z", "a"));
    createFromTheAthenaDdl(spark);

    RunReport projected = run(spark);

    assertThat(projected.filesRead()).isZero();
    assertThat(projected.warnings())
        .singleElement()
        .asString()
        .startsWith("read no file from " + TABLE + ": its partition projection (")
        .contains("matched no folder holding files");
    assertThat(projected.toJson()).contains("\"warnings\" : [ \"read no file from");

    spark.sql("DROP TABLE " + TABLE);
    spark.sql(
        "CREATE EXTERNAL TABLE "
            + TABLE
            + " (line STRING) PARTITIONED BY (year STRING) STORED AS TEXTFILE"
            + " LOCATION '"
            + dir.resolve("raw").toUri()
            + "'");
    assertThat(run(spark).warnings())
        .singleElement()
        .asString()
        .contains("it has no registered partition and no partition projection")
        .contains("loglake crawl");
  }

  @Test
  void aProjectionTypeLoglakeCannotReadFailsSayingSo(SparkSession spark) throws Exception {
    createFromTheAthenaDdl(spark);
    spark.sql("ALTER TABLE " + TABLE + " SET TBLPROPERTIES ('projection.day.type' = 'date')");

    assertThatThrownBy(() -> run(spark))
        .isInstanceOf(LoglakeException.class)
        .hasMessage(
            "Cannot read table "
                + TABLE
                + " through its partition projection: projection.day.type is"
                + " 'date'; loglake reads integer and enum projections");
  }
}
