package io.loglake.catalog;

import io.loglake.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import scala.Option;
import scala.collection.JavaConverters;

/** {@link RawTableCatalogContract} for the session's catalog (the embedded Hive metastore). */
class SparkRawTableCatalogContractTest extends RawTableCatalogContract {
  private SparkSession spark;

  @BeforeEach
  void noDatabase() {
    spark = SparkTestSession.get();
    spark.sql("DROP DATABASE IF EXISTS " + TABLE.database() + " CASCADE");
  }

  @AfterEach
  void dropDatabase() {
    spark.sql("DROP DATABASE IF EXISTS " + TABLE.database() + " CASCADE");
  }

  private ExternalCatalog metastore() {
    return spark.sharedState().externalCatalog();
  }

  @Override
  RawTableCatalog catalog() {
    return new SparkRawTableCatalog(spark);
  }

  @Override
  String expectedDescription() {
    return "hive";
  }

  @Override
  boolean databaseExists(String database) {
    return metastore().databaseExists(database);
  }

  @Override
  StoredTable storedTable(TableName table) {
    if (!metastore().tableExists(table.database(), table.table())) {
      return null;
    }
    CatalogTable stored = metastore().getTable(table.database(), table.table());
    return new StoredTable(
        stored.location().toString(),
        List.copyOf(JavaConverters.seqAsJavaList(stored.partitionColumnNames())));
  }

  @Override
  Map<List<String>, String> storedPartitions(TableName table) {
    Map<List<String>, String> stored = new LinkedHashMap<>();
    for (CatalogTablePartition partition :
        JavaConverters.seqAsJavaList(
            metastore().listPartitions(table.database(), table.table(), Option.empty()))) {
      Map<String, String> spec = JavaConverters.mapAsJavaMap(partition.spec());
      List<String> values = new ArrayList<>();
      for (String key : List.of("year", "month", "day", "hour")) {
        values.add(spec.get(key));
      }
      stored.put(values, partition.location().toString());
    }
    return stored;
  }

  @Override
  void createCrawlerShapedTable(TableName table, String location) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + table.database());
    spark.sql(
        "CREATE EXTERNAL TABLE "
            + table
            + " (line STRING) PARTITIONED BY (partition_0 STRING) STORED AS TEXTFILE LOCATION '"
            + location
            + "'");
  }

  @Override
  void dropBehindItsBack(TableName table) {
    spark.sql("DROP TABLE " + table);
  }

  /** The statement fails: no file system serves the location's scheme. */
  @Override
  RawPartition refusedPartition(String root) {
    return new RawPartition("2025", "11", "09", "05", "nosuchfs://bucket/raw/2025/11/09/05/");
  }
}
