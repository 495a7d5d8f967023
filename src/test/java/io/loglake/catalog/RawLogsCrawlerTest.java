package io.loglake.catalog;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.cli.Main;
import io.loglake.config.EtlConfig;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/** {@code loglake crawl} on the session's catalog (the embedded Hive metastore). */
@ExtendWith(SparkTestSession.class)
class RawLogsCrawlerTest {
  private static final String TABLE = "crawl_test.raw_logs";

  @TempDir Path dir;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @BeforeEach
  void noTable(SparkSession spark) {
    spark.sql("DROP TABLE IF EXISTS " + TABLE);
  }

  private Path raw() {
    return dir.resolve("raw");
  }

  private CrawlReport crawl(SparkSession spark, int batchSize) {
    return RawLogsCrawler.crawl(
        new SparkRawTableCatalog(spark),
        spark.sparkContext().hadoopConfiguration(),
        raw().toString(),
        TableName.parse(TABLE),
        batchSize);
  }

  private static List<String> partitions(SparkSession spark) {
    return QueryResults.rowsOf(spark, "SHOW PARTITIONS " + TABLE);
  }

  @Test
  void crawlingTwiceAddsNothingAndANewHourAddsExactlyOnePartition(SparkSession spark)
      throws Exception {
    TestRawZones.produce(raw(), 300, 3, Instant.parse("2025-11-09T21:30:00Z"), Duration.ofHours(3));
    Files.createDirectories(raw().resolve("2025/13/01/00"));
    Files.createDirectories(raw().resolve("_tmp/2025/11/09/22"));

    CrawlReport first = crawl(spark, 2);

    assertThat(partitions(spark))
        .containsExactly(
            "year=2025/month=11/day=09/hour=21", "year=2025/month=11/day=09/hour=22",
            "year=2025/month=11/day=09/hour=23", "year=2025/month=11/day=10/hour=00");
    assertThat(first.partitionsAdded()).isEqualTo(4);
    assertThat(first.calls()).isEqualTo(2);
    assertThat(first.skippedFolders()).containsExactly("2025/13/01/00");

    CrawlReport second = crawl(spark, 100);
    assertThat(second.partitionsAdded()).isZero();
    assertThat(second.alreadyRegistered()).isEqualTo(4);
    assertThat(second.calls()).isZero();
    assertThat(partitions(spark)).hasSize(4);

    gzipFile(raw().resolve("2025/11/10/01/late.gz"), error("2025-11-10T01:00:00Z", "payment-api"));
    CrawlReport third = crawl(spark, 100);
    assertThat(third.partitionsAdded()).isEqualTo(1);
    assertThat(partitions(spark)).hasSize(5).last().isEqualTo("year=2025/month=11/day=10/hour=01");
    assertThat(spark.table(TABLE).where("hour = '01'").count()).isEqualTo(1);
  }

  @Test
  void theTableHasTheExplicitSchemaStringPartitionsAndTheJsonSerDe(SparkSession spark)
      throws Exception {
    gzipFile(raw().resolve("2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    crawl(spark, 100);

    CatalogTable table = spark.sharedState().externalCatalog().getTable("crawl_test", "raw_logs");
    assertThat(table.tableType().name()).isEqualTo("EXTERNAL");
    assertThat(JavaConverters.seqAsJavaList(table.partitionColumnNames()))
        .containsExactly("year", "month", "day", "hour");
    assertThat(spark.table(TABLE).schema().simpleString())
        .isEqualTo(
            "struct<timestamp:string,level:string,service:string,message:string,user_id:string,ip:string,"
                + "event_id:string,year:string,month:string,day:string,hour:string>");
    assertThat(table.storage().serde().get()).isEqualTo("org.apache.hive.hcatalog.data.JsonSerDe");
    assertThat(table.location().toString()).isEqualTo("file:" + raw());
  }

  @Test
  void rawLogsThroughTheCatalogHoldTheSameRecordsAsTheRawPath(SparkSession spark) throws Exception {
    TestRawZones.produce(raw(), 400, 5, Instant.parse("2025-11-09T10:00:00Z"), Duration.ofHours(4));
    crawl(spark, 100);

    List<String> viaCatalog =
        spark
            .table(TABLE)
            .selectExpr(
                "concat_ws('|', `timestamp`, level, service, message, user_id, ip, event_id)")
            .as(Encoders.STRING())
            .collectAsList()
            .stream()
            .sorted()
            .toList();
    List<String> fromFiles =
        RawLogs.read(raw()).stream().map(RawLogs.Raw::fields).sorted().toList();
    assertThat(viaCatalog).hasSize(400).isEqualTo(fromFiles);

    // The job reading the table's partitions sees exactly what it sees with --raw.
    RunReport fromTable =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .table(TableName.parse(TABLE))
                .curatedPath(dir.resolve("c1").toString())
                .levels(Set.of("INFO", "WARN", "ERROR"))
                .noRegister()
                .build());
    RunReport fromPath =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .rawPath(raw().toString())
                .curatedPath(dir.resolve("c2").toString())
                .levels(Set.of("INFO", "WARN", "ERROR"))
                .noRegister()
                .build());
    // Both against what the files hold, read with plain Java.
    long files;
    try (var paths = Files.walk(raw())) {
      files = paths.filter(p -> p.toString().endsWith(".gz")).count();
    }
    List<String> hours =
        RawLogs.read(raw()).stream()
            .map(r -> "dt=" + r.date() + "/hr=" + r.hour())
            .distinct()
            .sorted()
            .toList();
    assertThat(files).isPositive();
    assertThat(fromTable.filesRead()).isEqualTo(fromPath.filesRead()).isEqualTo(files);
    assertThat(fromTable.recordsRead()).isEqualTo(fromPath.recordsRead()).isEqualTo(400);
    assertThat(fromTable.recordsWritten()).isEqualTo(fromPath.recordsWritten()).isEqualTo(400);
    assertThat(fromTable.partitionsWritten())
        .isEqualTo(fromPath.partitionsWritten())
        .containsExactlyInAnyOrderElementsOf(hours);
  }

  @Test
  void aMalformedLineFailsASerDeScanButTheJobReadingTheTableQuarantinesIt(SparkSession spark) {
    gzipFile(
        raw().resolve("2025/11/09/10/a.gz"),
        error("2025-11-09T10:00:00Z", "a"),
        "{\"level\": broken");
    crawl(spark, 100);

    assertThatThrownBy(() -> spark.table(TABLE).where("level = 'ERROR'").count())
        .hasStackTraceContaining("SerDeException");
    RunReport report =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .table(TableName.parse(TABLE))
                .curatedPath(dir.resolve("c").toString())
                .levels(Set.of("ERROR"))
                .noRegister()
                .build());
    assertThat(report.recordsWritten()).isEqualTo(1);
    assertThat(report.recordsQuarantined()).isEqualTo(1);
  }

  @Test
  void aTableOfAnotherShapeIsRefusedAndBadArgumentsExit2(SparkSession spark) throws Exception {
    Files.createDirectories(raw().resolve("2025/11/09/10"));
    spark.sql("CREATE DATABASE IF NOT EXISTS crawl_test");
    spark.sql(
        "CREATE EXTERNAL TABLE "
            + TABLE
            + " (line STRING) PARTITIONED BY (partition_0 STRING)"
            + " STORED AS TEXTFILE LOCATION '"
            + raw().toUri()
            + "'");
    assertThatThrownBy(() -> crawl(spark, 100))
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining("partitioned by [partition_0]");
    spark.sql("DROP TABLE " + TABLE);

    assertThat(Main.execute("crawl", "--raw", raw().toString(), "--table", TABLE))
        .as(output.stderr())
        .isZero();
    assertThat(output.stdout()).contains("\"partitions_added\" : 1");
    assertThat(partitions(spark)).containsExactly("year=2025/month=11/day=09/hour=10");
    assertThat(Main.execute("crawl", "--catalog", "athena")).isEqualTo(2);
    assertThat(Main.execute("crawl", "--batch-size", "101")).isEqualTo(2);
    assertThat(Main.execute("crawl", "--table", "nodot")).isEqualTo(2);
    assertThat(Main.execute("crawl", "--region", "us-east-1")).isEqualTo(2);
    assertThat(Main.execute("crawl", "--raw", dir.resolve("nowhere").toString(), "--table", TABLE))
        .isEqualTo(1);
  }
}
