package io.loglake.catalog;

import io.loglake.LoglakeException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * raw_logs in the Glue Data Catalog through the Glue API, for use outside Spark: CreateDatabase,
 * GetTable/CreateTable, GetPartitions (paged) and BatchCreatePartition with at most {@value
 * #MAX_BATCH} partitions per call (Glue's limit). A per-partition {@code AlreadyExistsException}
 * (another crawler got there first) counts as success; any other per-partition error is returned; a
 * call that fails as a whole (after the SDK's retries) fails every partition of its batch.
 * Locations listed as {@code s3a://} are registered as {@code s3://}, the form Athena reads.
 */
public final class GlueRawTableCatalog implements RawTableCatalog {
  /** BatchCreatePartition takes at most 100 partitions. */
  public static final int MAX_BATCH = 100;

  private static final String ALREADY_EXISTS = "AlreadyExistsException";

  private final GlueClient glue;

  public GlueRawTableCatalog(GlueClient glue) {
    this.glue = glue;
  }

  /**
   * A client with the SDK's default credentials chain; {@code region} and {@code endpoint} (for a
   * VPC endpoint or a test server) when given, else the SDK's defaults.
   */
  public static GlueClient client(String region, String endpoint) {
    GlueClientBuilder builder = GlueClient.builder().httpClient(UrlConnectionHttpClient.create());
    if (region != null) {
      builder.region(Region.of(region));
    }
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    try {
      return builder.build();
    } catch (SdkException e) {
      throw new LoglakeException(
          "Cannot create the Glue client: " + e.getMessage(),
          "give --region (or set AWS_REGION) and check the AWS credentials",
          e);
    }
  }

  @Override
  public String describe() {
    return "glue";
  }

  @Override
  public void ensureTable(TableName table, String location) {
    try {
      try {
        glue.createDatabase(
            r ->
                r.databaseInput(
                    DatabaseInput.builder()
                        .name(table.database())
                        .description("loglake: raw logs")
                        .build()));
      } catch (AlreadyExistsException e) {
        // Already there: nothing to do.
      }
      Table existing;
      try {
        existing = glue.getTable(r -> r.databaseName(table.database()).name(table.table())).table();
      } catch (EntityNotFoundException e) {
        try {
          glue.createTable(
              r -> r.databaseName(table.database()).tableInput(tableInput(table, location)));
          return;
        } catch (AlreadyExistsException raced) {
          existing =
              glue.getTable(r -> r.databaseName(table.database()).name(table.table())).table();
        }
      }
      List<String> keys = existing.partitionKeys().stream().map(Column::name).toList();
      RawTableDefinition.requirePartitionKeys(table, keys, "delete it (the files stay)");
    } catch (SdkException e) {
      throw new LoglakeException(
          "Cannot create table " + table + " in the Glue Data Catalog: " + e.getMessage(),
          "check the region, the endpoint and that the credentials may call glue:CreateDatabase,"
              + " glue:GetTable and glue:CreateTable",
          e);
    }
  }

  @Override
  public Set<List<String>> partitionValues(TableName table) {
    Set<List<String>> values = new HashSet<>();
    try {
      for (GetPartitionsResponse page :
          glue.getPartitionsPaginator(
              r -> r.databaseName(table.database()).tableName(table.table()))) {
        for (Partition partition : page.partitions()) {
          values.add(List.copyOf(partition.values()));
        }
      }
    } catch (SdkException e) {
      throw new LoglakeException(
          "Cannot list the partitions of " + table + ": " + e.getMessage(),
          "check that the credentials may call glue:GetPartitions",
          e);
    }
    return values;
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH;
  }

  @Override
  public List<CrawlReport.Failure> addPartitions(TableName table, List<RawPartition> batch) {
    if (batch.size() > MAX_BATCH) {
      throw new IllegalArgumentException(
          "at most " + MAX_BATCH + " partitions per call, got " + batch.size());
    }
    Map<List<String>, RawPartition> byValues = new HashMap<>();
    List<PartitionInput> inputs = new ArrayList<>();
    for (RawPartition p : batch) {
      byValues.put(p.values(), p);
      inputs.add(
          PartitionInput.builder()
              .values(p.values())
              .storageDescriptor(storage(p.location()))
              .build());
    }
    BatchCreatePartitionResponse response;
    try {
      response =
          glue.batchCreatePartition(
              r ->
                  r.databaseName(table.database())
                      .tableName(table.table())
                      .partitionInputList(inputs));
    } catch (SdkException e) {
      String code =
          e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                  && service.awsErrorDetails() != null
              ? service.awsErrorDetails().errorCode()
              : e.getClass().getSimpleName();
      return batch.stream()
          .map(p -> new CrawlReport.Failure(p.key(), code, String.valueOf(e.getMessage())))
          .toList();
    }
    List<CrawlReport.Failure> failures = new ArrayList<>();
    for (PartitionError error : response.errors()) {
      String code = error.errorDetail() == null ? "Unknown" : error.errorDetail().errorCode();
      if (ALREADY_EXISTS.equals(code)) {
        continue;
      }
      RawPartition partition = byValues.get(List.copyOf(error.partitionValues()));
      String key = partition != null ? partition.key() : String.join("/", error.partitionValues());
      String message =
          error.errorDetail() == null ? "" : String.valueOf(error.errorDetail().errorMessage());
      failures.add(new CrawlReport.Failure(key, code, message));
    }
    return failures;
  }

  private static TableInput tableInput(TableName table, String location) {
    return TableInput.builder()
        .name(table.table())
        .description("loglake: raw logs in the Firehose layout (YYYY/MM/DD/HH), GZIP NDJSON")
        .tableType("EXTERNAL_TABLE")
        .parameters(Map.of("classification", "json", "EXTERNAL", "TRUE"))
        .partitionKeys(
            RawTableDefinition.PARTITION_KEYS.stream()
                .map(k -> Column.builder().name(k).type("string").build())
                .toList())
        .storageDescriptor(storage(location))
        .build();
  }

  private static StorageDescriptor storage(String location) {
    return StorageDescriptor.builder()
        .columns(
            RawTableDefinition.columns().stream()
                .map(
                    f -> Column.builder().name(f.name()).type(f.dataType().catalogString()).build())
                .toList())
        .location(CatalogLocation.forCatalog(location))
        .inputFormat(RawTableDefinition.INPUT_FORMAT)
        .outputFormat(RawTableDefinition.OUTPUT_FORMAT)
        .serdeInfo(SerDeInfo.builder().serializationLibrary(RawTableDefinition.SERDE).build())
        .build();
  }
}
