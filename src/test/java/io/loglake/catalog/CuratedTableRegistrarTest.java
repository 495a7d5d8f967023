package io.loglake.catalog;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.warn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.config.EtlConfig;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.schema.CuratedPartition;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

@ExtendWith(SparkTestSession.class)
class CuratedTableRegistrarTest {
  private static final String TABLE = "catalog_test.curated_registration";

  @TempDir Path dir;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @BeforeEach
  void noTable(SparkSession spark) {
    spark.sql("DROP TABLE IF EXISTS " + TABLE);
  }

  private RunReport run(SparkSession spark, String curated) {
    return EtlJob.run(
        spark,
        EtlConfig.builder()
            .rawPath(dir.resolve("raw").toString())
            .curatedPath(curated)
            .levels(Set.of("WARN", "ERROR"))
            .curatedTable(TableName.parse(TABLE))
            .build());
  }

  private static List<Path> parquetFiles(Path folder) throws java.io.IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (var paths = Files.walk(folder)) {
      return paths.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
  }

  private static List<String> partitions(SparkSession spark) {
    return QueryResults.rowsOf(spark, "SHOW PARTITIONS " + TABLE);
  }

  @Test
  void eachRunRegistersExactlyThePartitionsItWroteWithTheSeedsTypes(SparkSession spark) {
    gzipFile(
        dir.resolve("raw/2025/11/09/10/a.gz"),
        error("2025-11-09T10:00:00Z", "a"),
        warn("2025-11-09T10:05:00Z", "b"));
    gzipFile(dir.resolve("raw/2025/11/09/11/b.gz"), error("2025-11-09T11:00:00Z", "c"));
    String curated = dir.resolve("curated").toString();

    RunReport first = run(spark, curated);

    assertThat(first.partitionsWritten())
        .containsExactly("dt=2025-11-09/hr=10", "dt=2025-11-09/hr=11");
    assertThat(partitions(spark)).containsExactly("dt=2025-11-09/hr=10", "dt=2025-11-09/hr=11");
    CatalogTable table =
        spark.sharedState().externalCatalog().getTable("catalog_test", "curated_registration");
    assertThat(table.tableType().name()).isEqualTo("EXTERNAL");
    assertThat(table.location().toString()).isEqualTo("file:" + curated);
    assertThat(JavaConverters.seqAsJavaList(table.partitionColumnNames()))
        .containsExactly("dt", "hr");
    assertThat(spark.table(TABLE).schema().simpleString())
        .isEqualTo(
            "struct<timestamp:string,level:string,service:string,message:string,user_id:string,ip:string,"
                + "ts:timestamp,event_id:string,dt:date,hr:int>");
    assertThat(
            QueryResults.rowsOf(
                spark, "SELECT dt, hr, count(*) FROM " + TABLE + " GROUP BY dt, hr ORDER BY hr"))
        .containsExactly("2025-11-09|10|2", "2025-11-09|11|1");

    // A new hour arrives: the next run adds exactly that partition; the others stay registered.
    gzipFile(dir.resolve("raw/2025/11/09/12/c.gz"), error("2025-11-09T12:30:00Z", "d"));
    run(spark, curated);
    assertThat(partitions(spark))
        .containsExactly("dt=2025-11-09/hr=10", "dt=2025-11-09/hr=11", "dt=2025-11-09/hr=12");
    assertThat(spark.table(TABLE).count()).isEqualTo(4);
  }

  @Test
  void theEtlCommandRegistersInTheTableItIsGivenUnlessToldNotTo(SparkSession spark) {
    gzipFile(dir.resolve("raw/2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    spark.sql("DROP TABLE IF EXISTS catalog_test.not_registered");
    int registered =
        io.loglake.cli.Main.execute(
            "etl",
            "--raw",
            dir.resolve("raw").toString(),
            "--curated",
            dir.resolve("curated").toString(),
            "--curated-table",
            TABLE);
    assertThat(registered).as(output.stderr()).isZero();
    int unregistered =
        io.loglake.cli.Main.execute(
            "etl",
            "--raw",
            dir.resolve("raw").toString(),
            "--curated",
            dir.resolve("other").toString(),
            "--curated-table",
            "catalog_test.not_registered",
            "--no-register");
    assertThat(unregistered).as(output.stderr()).isZero();
    assertThat(io.loglake.cli.Main.execute("etl", "--curated-table", "no_dot")).isEqualTo(2);
    assertThat(output.stderr()).contains("Usage: loglake etl");

    assertThat(partitions(spark)).containsExactly("dt=2025-11-09/hr=10");
    assertThat(spark.catalog().tableExists("catalog_test.not_registered")).isFalse();
  }

  @Test
  void msckRepairStillFindsThePartitions(SparkSession spark) {
    gzipFile(dir.resolve("raw/2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    gzipFile(dir.resolve("raw/2025/11/10/03/b.gz"), error("2025-11-10T03:00:00Z", "b"));
    run(spark, dir.resolve("curated").toString());
    spark.sql("ALTER TABLE " + TABLE + " DROP PARTITION (dt = '2025-11-10', hr = 3)");
    assertThat(partitions(spark)).containsExactly("dt=2025-11-09/hr=10");

    spark.sql("MSCK REPAIR TABLE " + TABLE);

    assertThat(partitions(spark)).containsExactly("dt=2025-11-09/hr=10", "dt=2025-11-10/hr=3");
  }

  @Test
  void aTableOverAnotherLiveCuratedZoneIsNotTouched(SparkSession spark) throws Exception {
    gzipFile(dir.resolve("raw/2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    run(spark, dir.resolve("curated").toString());

    // Refused before the run, saying once and plainly that nothing was written and what to do.
    assertThatThrownBy(() -> run(spark, dir.resolve("other").toString()))
        .isInstanceOf(LoglakeException.class)
        .hasMessage(
            "Cannot register partitions in "
                + TABLE
                + ": the table is over file:"
                + dir.resolve("curated")
                + ", another curated zone than file:"
                + dir.resolve("other")
                + " (--curated)")
        .satisfies(
            e ->
                assertThat(((LoglakeException) e).hint())
                    .startsWith("nothing was written; ")
                    .contains("--curated-table DB.TABLE", "--no-register", "DROP TABLE " + TABLE)
                    .doesNotContain("is written"));
    // The check runs beside the job and stops it before its commit: nothing was written there.
    assertThat(parquetFiles(dir.resolve("other"))).isEmpty();
    assertThat(
            spark
                .sharedState()
                .externalCatalog()
                .getTable("catalog_test", "curated_registration")
                .location()
                .toString())
        .isEqualTo("file:" + dir.resolve("curated"));

    // Once that zone is gone the table is stale and a run re-creates it over its own output.
    try (var paths = Files.walk(dir.resolve("curated"))) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    run(spark, dir.resolve("other").toString());
    assertThat(
            spark
                .sharedState()
                .externalCatalog()
                .getTable("catalog_test", "curated_registration")
                .location()
                .toString())
        .isEqualTo("file:" + dir.resolve("other"));
    assertThat(partitions(spark)).containsExactly("dt=2025-11-09/hr=10");
  }

  @Test
  void aRunTheCatalogRefusesWritesNeitherCuratedRowsNorQuarantine(SparkSession spark)
      throws Exception {
    gzipFile(dir.resolve("raw/2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    run(spark, dir.resolve("curated").toString());
    // A clean record and a malformed one: the refused run would write both a curated file and a
    // quarantine folder if the table's check (on its own thread, beside the read) came too late.
    gzipFile(dir.resolve("raw/2025/11/09/11/b.gz"), error("2025-11-09T11:00:00Z", "b"), "not json");

    assertThatThrownBy(
            () ->
                EtlJob.run(
                    spark,
                    EtlConfig.builder()
                        .rawPath(dir.resolve("raw").toString())
                        .curatedPath(dir.resolve("other").toString())
                        .quarantinePath(dir.resolve("quarantine").toString())
                        .levels(Set.of("WARN", "ERROR"))
                        .curatedTable(TableName.parse(TABLE))
                        .build()))
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining("another curated zone than file:" + dir.resolve("other"));
    assertThat(dir.resolve("other")).doesNotExist();
    assertThat(dir.resolve("quarantine")).doesNotExist();
    assertThat(partitions(spark)).containsExactly("dt=2025-11-09/hr=10");
  }

  @Test
  void theCuratedTableIsCreatedWithTheS3FormOfAnS3aPath() {
    assertThat(CuratedTableRegistrar.createTableSql(TableName.parse(TABLE), "s3a://bucket/curated"))
        .endsWith(" LOCATION 's3://bucket/curated'");
    assertThat(CuratedTableRegistrar.createTableSql(TableName.parse(TABLE), "file:/tmp/curated"))
        .endsWith(" LOCATION 'file:/tmp/curated'");
  }

  @Test
  void anEmptyRunStillLeavesTheTableInPlaceAndBatchesAreAtMost100(SparkSession spark)
      throws Exception {
    Files.createDirectories(dir.resolve("raw"));
    run(spark, dir.resolve("curated").toString());
    assertThat(spark.catalog().tableExists(TABLE)).isTrue();
    assertThat(partitions(spark)).isEmpty();

    List<CuratedPartition> many = new java.util.ArrayList<>();
    for (int day = 1; day <= 6; day++) {
      for (int hour = 0; hour < 24; hour++) {
        many.add(new CuratedPartition(LocalDate.of(2025, 10, day), hour));
      }
    }
    assertThat(
            CuratedTableRegistrar.register(spark, TABLE, dir.resolve("curated").toString(), many))
        .isEqualTo(144);
    assertThat(partitions(spark))
        .hasSize(144)
        .contains("dt=2025-10-01/hr=0", "dt=2025-10-06/hr=23");
  }
}
