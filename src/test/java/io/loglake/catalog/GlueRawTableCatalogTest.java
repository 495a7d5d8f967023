package io.loglake.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.cli.Main;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SystemProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The Glue API path of the crawl, with the real SDK client against a Glue JSON server on 127.0.0.1.
 */
class GlueRawTableCatalogTest {
  private static final TableName TABLE = TableName.parse("logs_db.raw_logs");

  @TempDir Path dir;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  /** The command line takes the SDK's default credentials chain; system properties are in it. */
  @RegisterExtension
  final SystemProperties credentials = SystemProperties.awsCredentials("test", "test");

  private FakeGlueServer glue;
  private GlueClient client;

  @BeforeEach
  void start() throws Exception {
    glue = new FakeGlueServer();
    client =
        GlueClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(glue.endpoint()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    glue.close();
  }

  /** {@code hours} consecutive hour folders from 2025-11-01T00. */
  private Path rawZone(int hours) throws Exception {
    Path raw = dir.resolve("raw");
    LocalDateTime hour = LocalDateTime.of(2025, 11, 1, 0, 0);
    for (int i = 0; i < hours; i++, hour = hour.plusHours(1)) {
      Files.createDirectories(
          raw.resolve(
              String.format(
                  "%04d/%02d/%02d/%02d",
                  hour.getYear(), hour.getMonthValue(), hour.getDayOfMonth(), hour.getHour())));
    }
    return raw;
  }

  private CrawlReport crawl(Path raw) {
    return RawLogsCrawler.crawl(
        new GlueRawTableCatalog(client), new Configuration(), raw.toString(), TABLE, 100);
  }

  @Test
  void createsTheTableAndAddsPartitionsInBatchesOfAtMost100() throws Exception {
    Path raw = rawZone(250);

    CrawlReport first = crawl(raw);

    assertThat(first.partitionsFound()).isEqualTo(250);
    assertThat(first.partitionsAdded()).isEqualTo(250);
    assertThat(first.calls()).isEqualTo(3);
    assertThat(glue.batchSizes).containsExactly(100, 100, 50);
    assertThat(glue.partitions.get("logs_db.raw_logs"))
        .hasSize(250)
        .contains(List.of("2025", "11", "11", "09"));
    var table = glue.tables.get("logs_db.raw_logs");
    assertThat(table.path("PartitionKeys").findValuesAsText("Name"))
        .containsExactly("year", "month", "day", "hour");
    assertThat(table.path("PartitionKeys").findValuesAsText("Type")).containsOnly("string");
    assertThat(table.path("StorageDescriptor").path("Columns").findValuesAsText("Name"))
        .containsExactly("timestamp", "level", "service", "message", "user_id", "ip", "event_id");
    assertThat(
            table.path("StorageDescriptor").path("SerdeInfo").path("SerializationLibrary").asText())
        .isEqualTo("org.apache.hive.hcatalog.data.JsonSerDe");
    assertThat(table.path("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
    assertThat(table.path("StorageDescriptor").path("Location").asText())
        .isEqualTo(raw.toUri().toString().replace("file:///", "file:/"));
    assertThat(
            glue.partitionInputs
                .get("logs_db.raw_logs/2025/11/01/05")
                .path("StorageDescriptor")
                .path("Location")
                .asText())
        .endsWith("/raw/2025/11/01/05/");
    assertThat(CatalogLocation.forCatalog("s3a://bucket/raw/2025/11/01/05/"))
        .isEqualTo("s3://bucket/raw/2025/11/01/05/");

    // The second crawl lists (5 pages of 50) and adds nothing.
    glue.batchSizes.clear();
    glue.operations.clear();
    CrawlReport second = crawl(raw);
    assertThat(second.partitionsAdded()).isZero();
    assertThat(second.alreadyRegistered()).isEqualTo(250);
    assertThat(second.calls()).isZero();
    assertThat(glue.batchSizes).isEmpty();
    assertThat(glue.operations).filteredOn("GetPartitions"::equals).hasSize(5);
    assertThat(glue.operations).doesNotContain("CreateTable");
  }

  @Test
  void anAlreadyExistingPartitionIsSuccessAndOtherErrorsAreReported() throws Exception {
    Path raw = rawZone(3);
    assertThat(crawl(raw).partitionsAdded()).isEqualTo(3);
    for (String hour : List.of("03", "04", "05")) {
      Files.createDirectories(raw.resolve("2025/11/01/" + hour));
    }
    glue.unlisted.add(List.of("2025", "11", "01", "04"));
    glue.failing.add(List.of("2025", "11", "01", "05"));

    // Through the command line, with the SDK's default credentials chain.
    int exit =
        Main.execute(
            "crawl",
            "--catalog",
            "glue",
            "--raw",
            raw.toString(),
            "--region",
            "us-east-1",
            "--endpoint-url",
            glue.endpoint());

    String report = output.stdout();
    assertThat(exit).as(output.stderr()).isEqualTo(1);
    assertThat(output.stderr())
        .contains("Cannot add 1 partitions to logs_db.raw_logs")
        .contains("what to do:");
    assertThat(report)
        .contains(
            "\"partitions_found\" : 6",
            "\"already_registered\" : 3",
            "\"partitions_added\" : 2",
            "\"partition\" : \"2025/11/01/05\"",
            "\"error_code\" : \"InternalServiceException\"");
    assertThat(glue.batchSizes).containsExactly(3, 3);
    assertThat(glue.partitions.get("logs_db.raw_logs"))
        .hasSize(4)
        .contains(List.of("2025", "11", "01", "03"))
        .doesNotContain(List.of("2025", "11", "01", "05"));
  }

  @Test
  void aCallThatFailsAsAWholeFailsItsBatchAndAWrongTableIsRefused() throws Exception {
    Path raw = rawZone(2);
    glue.databases.add("logs_db");
    List<List<String>> none = new ArrayList<>();
    glue.partitions.put("logs_db.raw_logs", none);
    var crawlerTable =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"Name\":\"raw_logs\",\"PartitionKeys\":[{\"Name\":\"partition_0\",\"Type\":\"string\"}]}");
    glue.tables.put("logs_db.raw_logs", crawlerTable);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> crawl(raw))
        .isInstanceOf(io.loglake.LoglakeException.class)
        .hasMessageContaining("partitioned by [partition_0]");

    glue.tables.clear();
    glue.partitions.clear();
    glue.rejectBatchesWith = "AccessDeniedException";
    CrawlReport report = crawl(raw);
    assertThat(report.failures())
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.errorCode()).isEqualTo("AccessDeniedException"));
    assertThat(report.partitionsAdded()).isZero();
  }
}
