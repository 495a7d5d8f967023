package io.loglake.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.EtlConfig;
import io.loglake.config.TableFormat;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.query.QueryRunner;
import io.loglake.schema.LogSchema;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * The Athena DDL under sql/athena/ddl/, run on Spark SQL with the example bucket replaced by local
 * folders holding real job output: the tables it declares are the ones the crawler and the job
 * make, and they read that output.
 */
@ExtendWith(SparkTestSession.class)
class CatalogSqlDdlTest {
  private static final String BUCKET = "s3://de-logs-streaming-yourname/";

  @TempDir static Path dir;
  static RunReport report;
  static List<RawLogs.Raw> records;

  @BeforeAll
  static void jobOutput(SparkSession spark) {
    spark.sql("DROP TABLE IF EXISTS logs_db.raw_logs");
    spark.sql("DROP TABLE IF EXISTS logs_analytics.app_logs_curated");
    spark.sql("DROP TABLE IF EXISTS ddl_test.crawled_raw_logs");
    TestRawZones.produce(
        dir.resolve("raw"), 500, 21, Instant.parse("2025-11-09T08:00:00Z"), Duration.ofHours(5));
    records = RawLogs.read(dir.resolve("raw"));
    report =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .rawPath(dir.resolve("raw").toString())
                .curatedPath(dir.resolve("curated").toString())
                .levels(Set.of("WARN", "ERROR"))
                .noRegister()
                .build());
  }

  /** Runs sql/{@code file} with the example bucket pointed at the test folder. */
  private static void run(SparkSession spark, String file) {
    String sql = QueryResults.file(file).replace(BUCKET, dir.toUri().toString());
    QueryRunner.run(spark, sql, Map.of(), 100);
  }

  /** The raw zone's YYYY/MM/DD/HH folders that hold a file, sorted. */
  private static List<String> hourFolders(Path raw) {
    try (var files = java.nio.file.Files.walk(raw)) {
      return files
          .filter(java.nio.file.Files::isRegularFile)
          .map(file -> raw.relativize(file.getParent()).toString().replace('\\', '/'))
          .distinct()
          .sorted()
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CatalogTable table(SparkSession spark, String db, String name) {
    return spark.sharedState().externalCatalog().getTable(db, name);
  }

  @Test
  void rawLogsDdlDeclaresTheCrawlersTableAndReadsTheRawZone(SparkSession spark) {
    run(spark, "athena/ddl/01_databases.sql");
    assertThat(spark.catalog().databaseExists("logs_db")).isTrue();
    assertThat(spark.catalog().databaseExists("logs_analytics")).isTrue();

    run(spark, "athena/ddl/02_raw_logs.sql");
    CrawlReport crawl =
        RawLogsCrawler.crawl(
            new SparkRawTableCatalog(spark),
            spark.sparkContext().hadoopConfiguration(),
            dir.resolve("raw").toString(),
            TableName.parse("logs_db.raw_logs"),
            100);
    RawLogsCrawler.crawl(
        new SparkRawTableCatalog(spark),
        spark.sparkContext().hadoopConfiguration(),
        dir.resolve("raw").toString(),
        TableName.parse("ddl_test.crawled_raw_logs"),
        100);

    CatalogTable athena = table(spark, "logs_db", "raw_logs");
    CatalogTable crawled = table(spark, "ddl_test", "crawled_raw_logs");
    assertThat(athena.schema()).isEqualTo(crawled.schema());
    assertThat(athena.partitionColumnNames()).isEqualTo(crawled.partitionColumnNames());
    assertThat(athena.storage().serde()).isEqualTo(crawled.storage().serde());
    assertThat(athena.storage().inputFormat()).isEqualTo(crawled.storage().inputFormat());
    assertThat(athena.storage().outputFormat()).isEqualTo(crawled.storage().outputFormat());
    assertThat(athena.location()).isEqualTo(crawled.location());
    assertThat(JavaConverters.mapAsJavaMap(athena.properties()))
        .containsEntry(
            "storage.location.template", dir.toUri() + "raw/${year}/${month}/${day}/${hour}/")
        .containsEntry("projection.hour.digits", "2");

    // The hour folders, listed with plain Java, are the partitions both tables hold.
    List<String> hourFolders = hourFolders(dir.resolve("raw"));
    assertThat(hourFolders).hasSizeGreaterThanOrEqualTo(5);
    assertThat(crawl.partitionsFound()).isEqualTo(hourFolders.size());
    assertThat(crawl.partitionsAdded()).isEqualTo(hourFolders.size());
    List<String> expectedPartitions =
        hourFolders.stream()
            .map(
                folder -> {
                  String[] p = folder.split("/");
                  return "year=" + p[0] + "/month=" + p[1] + "/day=" + p[2] + "/hour=" + p[3];
                })
            .toList();
    assertThat(QueryResults.rowsOf(spark, "SHOW PARTITIONS logs_db.raw_logs"))
        .containsExactlyInAnyOrderElementsOf(expectedPartitions);
    assertThat(QueryResults.rowsOf(spark, "SHOW PARTITIONS ddl_test.crawled_raw_logs"))
        .containsExactlyInAnyOrderElementsOf(expectedPartitions);
    assertThat(spark.table("logs_db.raw_logs").count()).isEqualTo(records.size());
    assertThat(
            QueryResults.rowsOf(
                spark,
                "SELECT hour, count(*) FROM logs_db.raw_logs WHERE level = 'ERROR' GROUP BY hour ORDER BY hour"))
        .isEqualTo(
            records.stream()
                .filter(r -> r.level().equals("ERROR"))
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        r -> String.format("%02d", r.hour()),
                        java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "|" + e.getValue())
                .toList());
  }

  @Test
  void curatedDdlAndRepairFindTheJobsPartitionsAndTheProjectedVariantHasTheSameSchema(
      SparkSession spark) {
    run(spark, "athena/ddl/01_databases.sql");
    spark.sql("DROP TABLE IF EXISTS logs_analytics.app_logs_curated");
    run(spark, "athena/ddl/03_app_logs_curated.sql");
    assertThat(QueryResults.rowsOf(spark, "SHOW PARTITIONS logs_analytics.app_logs_curated"))
        .isEmpty();

    run(spark, "athena/ddl/05_msck_repair.sql");

    List<String> curatedHours =
        records.stream()
            .filter(RawLogs.Raw::warnOrError)
            .map(r -> "dt=" + r.date() + "/hr=" + r.hour())
            .distinct()
            .toList();
    assertThat(curatedHours).hasSizeGreaterThanOrEqualTo(5);
    assertThat(QueryResults.rowsOf(spark, "SHOW PARTITIONS logs_analytics.app_logs_curated"))
        .containsExactlyInAnyOrderElementsOf(curatedHours);
    assertThat(spark.table("logs_analytics.app_logs_curated").count())
        .isEqualTo(report.recordsWritten())
        .isEqualTo(records.stream().filter(RawLogs.Raw::warnOrError).count());
    CatalogTable seedShaped = table(spark, "logs_analytics", "app_logs_curated");
    assertThat(seedShaped.schema()).isEqualTo(io.loglake.schema.LogSchema.CURATED);

    spark.sql("DROP TABLE logs_analytics.app_logs_curated");
    run(spark, "athena/ddl/04_app_logs_curated_projected.sql");
    CatalogTable projected = table(spark, "logs_analytics", "app_logs_curated");
    assertThat(projected.schema()).isEqualTo(seedShaped.schema());
    assertThat(projected.location()).isEqualTo(seedShaped.location());
    assertThat(JavaConverters.mapAsJavaMap(projected.properties()))
        .containsEntry("projection.dt.range", "2025-11-01,NOW")
        .containsEntry("storage.location.template", dir.toUri() + "curated/dt=${dt}/hr=${hr}/");
    spark.sql("DROP TABLE logs_analytics.app_logs_curated");
  }

  /**
   * 06 is Athena's Iceberg DDL; on Spark the one difference is {@code USING iceberg} (Athena's
   * {@code 'table_type' = 'ICEBERG'}). Its table, read through Iceberg's API, has the columns of
   * {@link LogSchema#CURATED} (ts as a timestamp without zone, the one Athena's DDL creates),
   * identity partitions dt, hr and format-version 2; a job run then appends to it.
   */
  @Test
  void icebergDdlDeclaresTheCuratedColumnsAndTheJobAppendsToIt(SparkSession spark)
      throws Exception {
    Path zone = dir.resolve("iceberg-zone");
    String sql = QueryResults.file("athena/ddl/06_app_logs_curated_iceberg.sql");
    String statement =
        sql.lines().filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
    assertThat(statement)
        .contains("'table_type' = 'ICEBERG'")
        .doesNotContain("EXTERNAL", "USING", "STORED AS");
    String spark35 =
        sql.replace(BUCKET, zone.toUri() + "/")
            .replace("\nPARTITIONED BY", "\nUSING iceberg\nPARTITIONED BY")
            // Athena's Iceberg `timestamp` is Iceberg's timestamp without zone; Spark's is with.
            .replace("`ts` timestamp,", "`ts` timestamp_ntz,");
    assertThat(spark35).contains("USING iceberg", "`ts` timestamp_ntz,");
    run(spark, "athena/ddl/01_databases.sql");
    spark.sql("DROP TABLE IF EXISTS logs_analytics.app_logs_curated");
    QueryRunner.run(spark, spark35, Map.of(), 100);
    try {
      Table iceberg = Spark3Util.loadIcebergTable(spark, "logs_analytics.app_logs_curated");
      List<String> declared =
          iceberg.schema().columns().stream().map(c -> c.name() + " " + c.type()).toList();
      // What the job's own table declares (Spark's TimestampType is Iceberg's timestamptz), with
      // ts as Athena's Iceberg DDL can only create it.
      List<String> curated =
          SparkSchemaUtil.convert(LogSchema.CURATED).columns().stream()
              .map(c -> c.name() + " " + (c.name().equals("ts") ? "timestamp" : c.type()))
              .toList();
      assertThat(curated).contains("ts timestamp", "dt date", "hr int", "event_id string");
      assertThat(declared).isEqualTo(curated);
      assertThat(iceberg.spec().fields())
          .extracting(p -> p.name() + " " + p.transform())
          .containsExactly("dt identity", "hr identity");
      assertThat(((HasTableOperations) iceberg).operations().current().formatVersion())
          .isEqualTo(2);
      assertThat(new org.apache.hadoop.fs.Path(iceberg.location()).toUri().getPath())
          .isEqualTo(zone.resolve("curated").toString());

      RunReport appended =
          EtlJob.run(
              spark,
              EtlConfig.builder()
                  .rawPath(dir.resolve("raw").toString())
                  .curatedPath(zone.resolve("curated").toString())
                  .levels(Set.of("WARN", "ERROR"))
                  .curatedTable(TableName.parse("logs_analytics.app_logs_curated"))
                  .format(TableFormat.ICEBERG)
                  .build());
      long expected = records.stream().filter(RawLogs.Raw::warnOrError).count();
      assertThat(appended.recordsWritten()).isEqualTo(expected);
      iceberg.refresh();
      Set<String> rows = new HashSet<>();
      try (CloseableIterable<Record> read = IcebergGenerics.read(iceberg).build()) {
        for (Record r : read) {
          // Without zone: the wall clock of the UTC instant the raw record carries.
          rows.add(r.getField("timestamp") + "|" + r.getField("ts") + "|" + r.getField("dt"));
        }
      }
      assertThat(rows)
          .isEqualTo(
              records.stream()
                  .filter(RawLogs.Raw::warnOrError)
                  .map(
                      r ->
                          r.timestamp()
                              + "|"
                              + LocalDateTime.ofInstant(r.ts(), ZoneOffset.UTC)
                              + "|"
                              + r.date())
                  .collect(Collectors.toSet()));
    } finally {
      spark.sql("DROP TABLE IF EXISTS logs_analytics.app_logs_curated");
    }
  }
}
