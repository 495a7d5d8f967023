package io.loglake.catalog;

import io.loglake.LoglakeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * raw_logs in the Spark session's catalog, through Spark SQL: the embedded Hive metastore locally,
 * the Glue Data Catalog on Glue or on EMR with {@code --enable-glue-datacatalog}. A batch is one
 * {@code ALTER TABLE … ADD IF NOT EXISTS PARTITION … LOCATION …} statement, so partitions that
 * appeared meanwhile count as added; a failed statement fails every partition of its batch.
 */
public final class SparkRawTableCatalog implements RawTableCatalog {
  /** Partitions per statement: keeps each metastore call small. */
  public static final int MAX_BATCH = 100;

  private final SparkSession spark;

  public SparkRawTableCatalog(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public String describe() {
    return "hive";
  }

  @Override
  public void ensureTable(TableName table, String location) {
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    try {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + Sql.identifier(table.database()));
      if (!catalog.tableExists(table.database(), table.table())) {
        spark.sql(RawTableDefinition.createTableSql(table, location));
        return;
      }
    } catch (Exception e) {
      throw new LoglakeException(
          "Cannot create table " + table + ": " + e.getMessage(),
          "check the catalog (the metastore under $LOGLAKE_HOME, or Glue permissions)",
          e);
    }
    CatalogTable existing = catalog.getTable(table.database(), table.table());
    List<String> keys = JavaConverters.seqAsJavaList(existing.partitionColumnNames());
    RawTableDefinition.requirePartitionKeys(table, keys, "drop it (DROP TABLE keeps the files)");
  }

  @Override
  public Set<List<String>> partitionValues(TableName table) {
    List<CatalogTablePartition> partitions;
    try {
      partitions =
          JavaConverters.seqAsJavaList(
              spark
                  .sharedState()
                  .externalCatalog()
                  .listPartitions(table.database(), table.table(), Option.empty()));
    } catch (Exception e) {
      // Spark throws checked Scala exceptions (NoSuchTableException) undeclared: catch them all.
      throw new LoglakeException(
          "Cannot list the partitions of " + table + ": " + e.getMessage(),
          "check the catalog (the metastore under $LOGLAKE_HOME, or Glue permissions) and that"
              + " the table still exists, then crawl again",
          e);
    }
    Set<List<String>> values = new HashSet<>();
    for (CatalogTablePartition partition : partitions) {
      Map<String, String> spec = JavaConverters.mapAsJavaMap(partition.spec());
      List<String> row = new ArrayList<>();
      for (String key : RawTableDefinition.PARTITION_KEYS) {
        row.add(spec.get(key));
      }
      values.add(row);
    }
    return values;
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH;
  }

  @Override
  public List<CrawlReport.Failure> addPartitions(TableName table, List<RawPartition> batch) {
    String statement = addPartitionsSql(table, batch);
    try {
      spark.sql(statement);
      return List.of();
    } catch (Exception e) {
      String message =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      return batch.stream()
          .map(p -> new CrawlReport.Failure(p.key(), e.getClass().getSimpleName(), message))
          .toList();
    }
  }

  /**
   * {@code ALTER TABLE … ADD IF NOT EXISTS PARTITION (…) LOCATION …} for {@code batch}, locations
   * in catalog form.
   */
  static String addPartitionsSql(TableName table, List<RawPartition> batch) {
    StringBuilder statement =
        new StringBuilder("ALTER TABLE ").append(table.quoted()).append(" ADD IF NOT EXISTS");
    for (RawPartition p : batch) {
      statement.append(" PARTITION (");
      List<String> values = p.values();
      for (int i = 0; i < values.size(); i++) {
        statement
            .append(i == 0 ? "" : ", ")
            .append(Sql.identifier(RawTableDefinition.PARTITION_KEYS.get(i)))
            .append(" = ")
            .append(Sql.string(values.get(i)));
      }
      statement.append(") LOCATION ").append(Sql.string(CatalogLocation.forCatalog(p.location())));
    }
    return statement.toString();
  }
}
