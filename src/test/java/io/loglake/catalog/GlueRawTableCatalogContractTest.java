package io.loglake.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loglake.LoglakeException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * {@link RawTableCatalogContract} for the Glue Data Catalog API, with the real SDK client against
 * {@link FakeGlueServer}.
 */
class GlueRawTableCatalogContractTest extends RawTableCatalogContract {
  private FakeGlueServer glue;
  private final List<GlueClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    glue = new FakeGlueServer();
  }

  @AfterEach
  void stop() {
    clients.forEach(GlueClient::close);
    glue.close();
  }

  /** No retries: a failure is seen on the first call, so the tests need no back-off time. */
  private GlueClient client(String endpoint) {
    GlueClient client =
        GlueClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(endpoint))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    clients.add(client);
    return client;
  }

  private static String key(TableName table) {
    return table.database() + "." + table.table();
  }

  @Override
  RawTableCatalog catalog() {
    return new GlueRawTableCatalog(client(glue.endpoint()));
  }

  @Override
  String expectedDescription() {
    return "glue";
  }

  @Override
  boolean databaseExists(String database) {
    return glue.databases.contains(database);
  }

  @Override
  StoredTable storedTable(TableName table) {
    JsonNode stored = glue.tables.get(key(table));
    if (stored == null) {
      return null;
    }
    return new StoredTable(
        stored.path("StorageDescriptor").path("Location").asText(),
        stored.path("PartitionKeys").findValuesAsText("Name"));
  }

  @Override
  Map<List<String>, String> storedPartitions(TableName table) {
    Map<List<String>, String> stored = new LinkedHashMap<>();
    for (List<String> values : glue.partitions.getOrDefault(key(table), List.of())) {
      JsonNode input = glue.partitionInputs.get(key(table) + "/" + String.join("/", values));
      stored.put(
          List.copyOf(values),
          input == null ? null : input.path("StorageDescriptor").path("Location").asText());
    }
    return stored;
  }

  @Override
  void createCrawlerShapedTable(TableName table, String location) {
    ObjectNode crawlerTable = new ObjectMapper().createObjectNode().put("Name", table.table());
    crawlerTable
        .putArray("PartitionKeys")
        .addObject()
        .put("Name", "partition_0")
        .put("Type", "string");
    crawlerTable.putObject("StorageDescriptor").put("Location", location);
    glue.databases.add(table.database());
    glue.tables.put(key(table), crawlerTable);
    glue.partitions.put(key(table), new ArrayList<>());
  }

  @Override
  void dropBehindItsBack(TableName table) {
    glue.tables.remove(key(table));
    glue.partitions.remove(key(table));
  }

  /** BatchCreatePartition answers an InternalServiceException for this one partition. */
  @Override
  RawPartition refusedPartition(String root) {
    RawPartition refused = hour(root, 5);
    glue.failing.add(refused.values());
    return refused;
  }

  @Test
  void anUnreachableCatalogIsACatalogFailure() {
    FakeGlueServer gone;
    try {
      gone = new FakeGlueServer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String endpoint = gone.endpoint();
    gone.close();
    RawTableCatalog unreachable = new GlueRawTableCatalog(client(endpoint));

    assertThatThrownBy(() -> unreachable.ensureTable(TABLE, "file:/tmp/raw/"))
        .isInstanceOf(LoglakeException.class)
        .hasMessageStartingWith("Cannot create table " + TABLE + " in the Glue Data Catalog");
    assertThatThrownBy(() -> unreachable.partitionValues(TABLE))
        .isInstanceOf(LoglakeException.class)
        .hasMessageStartingWith("Cannot list the partitions of " + TABLE);
  }
}
