package io.loglake.source;

import io.loglake.LoglakeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Raw logs of a catalog table (the seed reads {@code logs_db.raw_logs}, made by a Glue crawler).
 * The table's storage locations — its partitions' locations, or the table's own when it has no
 * partition — are read with the same reader and rules as a raw path, so the catalog's SerDe never
 * decides what is valid. Works with any catalog Spark is configured with (the embedded Hive
 * metastore, or the Glue Data Catalog on Glue and EMR).
 */
public final class CatalogTableSource implements LogSource {
  private final String database;
  private final String table;

  public CatalogTableSource(String qualifiedName) {
    String[] parts = qualifiedName.split("\\.");
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException("expected DB.TABLE, got '" + qualifiedName + "'");
    }
    this.database = parts[0];
    this.table = parts[1];
  }

  @Override
  public RawFiles files(SparkSession spark) {
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    if (!catalog.tableExists(database, table)) {
      throw new LoglakeException(
          "Cannot read table " + describe() + ": it does not exist in the catalog",
          "create it (the seed uses a Glue crawler over the raw zone), or read the files directly with --raw PATH");
    }
    CatalogTable metadata = catalog.getTable(database, table);
    List<String> roots = new ArrayList<>();
    if (metadata.partitionColumnNames().isEmpty()) {
      roots.add(metadata.location().toString());
    } else {
      for (CatalogTablePartition partition :
          JavaConverters.seqAsJavaList(catalog.listPartitions(database, table, Option.empty()))) {
        roots.add(partition.location().toString());
      }
    }
    return RawFileLister.list(spark.sparkContext().hadoopConfiguration(), roots, false);
  }

  @Override
  public String describe() {
    return database + "." + table;
  }
}
