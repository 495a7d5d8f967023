package io.loglake.source;

import io.loglake.LoglakeException;
import io.loglake.catalog.TableName;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
 * decides what is valid. A table with Athena's partition projection ({@link PartitionProjection})
 * is read through its template, as Athena reads it. Works with any catalog Spark is configured with
 * (the embedded Hive metastore, or the Glue Data Catalog on Glue and EMR).
 */
public final class CatalogTableSource implements LogSource {
  private final TableName name;
  private String noFilesReason = "nothing was listed yet";

  public CatalogTableSource(TableName name) {
    this.name = name;
  }

  @Override
  public RawFiles files(SparkSession spark) {
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    if (!catalog.tableExists(name.database(), name.table())) {
      throw new LoglakeException(
          "Cannot read table " + describe() + ": it does not exist in the catalog",
          "create it (the seed uses a Glue crawler over the raw zone), or read the files directly with --raw PATH");
    }
    CatalogTable metadata = catalog.getTable(name.database(), name.table());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> partitionColumns = JavaConverters.seqAsJavaList(metadata.partitionColumnNames());
    PartitionProjection projection =
        PartitionProjection.of(
            describe(),
            metadata.location().toString(),
            partitionColumns,
            JavaConverters.mapAsJavaMap(metadata.properties()));
    List<String> roots = new ArrayList<>();
    if (projection != null) {
      // As Athena does: with projection on, the partitions come from the template, not the catalog.
      roots.addAll(projection.folders(conf));
      noFilesReason =
          "its partition projection ("
              + projection.template()
              + ") matched no folder holding files";
    } else if (partitionColumns.isEmpty()) {
      roots.add(hadoopLocation(conf, metadata.location().toString()));
      noFilesReason = "its location " + metadata.location() + " holds no file";
    } else {
      for (CatalogTablePartition partition :
          JavaConverters.seqAsJavaList(
              catalog.listPartitions(name.database(), name.table(), Option.empty()))) {
        roots.add(hadoopLocation(conf, partition.location().toString()));
      }
      noFilesReason =
          roots.isEmpty()
              ? "it has no registered partition and no partition projection; register them with loglake crawl,"
                  + " or read "
                  + metadata.location()
                  + " with --raw"
              : "its " + roots.size() + " registered partition folders hold no file";
    }
    return RawFileLister.list(conf, roots, false);
  }

  /**
   * A catalog's {@code s3://} location as Hadoop can read it: as is where the {@code s3} scheme has
   * a file system (EMR, Glue), else as {@code s3a://}.
   */
  static String hadoopLocation(Configuration conf, String location) {
    if (location.startsWith("s3://") && conf.get("fs.s3.impl") == null) {
      return "s3a://" + location.substring("s3://".length());
    }
    return location;
  }

  @Override
  public String noFilesReason() {
    return noFilesReason;
  }

  @Override
  public String describe() {
    return name.toString();
  }
}
