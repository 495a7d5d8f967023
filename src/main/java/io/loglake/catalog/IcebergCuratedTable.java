package io.loglake.catalog;

import io.loglake.LoglakeException;
import io.loglake.schema.LogSchema;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The curated zone as an Apache Iceberg table in the session's catalog: the columns of {@link
 * LogSchema#CURATED}, identity partitions {@code dt}, {@code hr}, format-version 2 (what Athena
 * reads), location = the curated path. Locally the catalog is the embedded metastore through
 * Iceberg's {@code SparkSessionCatalog}; on Glue the Glue Data Catalog (see the README). The
 * table's catalog entry is its registration: there are no partitions to add after a run.
 */
public final class IcebergCuratedTable {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergCuratedTable.class);

  /** Iceberg's own name for the format version property. */
  public static final String FORMAT_VERSION = "format-version";

  private IcebergCuratedTable() {}

  /** The Spark SQL DDL of the Iceberg curated table at {@code location}. */
  public static String createTableSql(TableName name, String location) {
    String columns =
        Arrays.stream(LogSchema.CURATED.fields())
            .map(IcebergCuratedTable::column)
            .collect(Collectors.joining(", "));
    return "CREATE TABLE IF NOT EXISTS "
        + name.quoted()
        + " ("
        + columns
        + ") USING iceberg PARTITIONED BY ("
        + LogSchema.PARTITION_COLUMNS.stream()
            .map(Sql::identifier)
            .collect(Collectors.joining(", "))
        + ") LOCATION "
        + Sql.string(CatalogLocation.forCatalog(location))
        + " TBLPROPERTIES ("
        + Sql.string(FORMAT_VERSION)
        + " = '2')";
  }

  private static String column(StructField field) {
    return Sql.identifier(field.name()) + " " + field.dataType().sql();
  }

  /**
   * Creates the table when missing; fails before anything is written when it exists over another
   * location (two curated zones would mix). The format is checked by {@link
   * CuratedTableFormat#check} first.
   */
  public static void prepare(SparkSession spark, TableName table, String path) {
    String location = CuratedTableRegistrar.qualified(spark, path);
    try {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + Sql.identifier(table.database()));
      if (!spark.sharedState().externalCatalog().tableExists(table.database(), table.table())) {
        spark.sql(createTableSql(table, location));
        LOG.info("created Iceberg table {} at {}", table, CatalogLocation.forCatalog(location));
        return;
      }
    } catch (Exception e) {
      throw new LoglakeException(
          "Cannot create the Iceberg table " + table + " at " + location + ": " + e.getMessage(),
          "nothing was written; check the catalog (metastore or Glue permissions) and rerun the job",
          e);
    }
    CatalogTable existing =
        spark.sharedState().externalCatalog().getTable(table.database(), table.table());
    String existingLocation = existing.location().toString();
    if (!CatalogLocation.same(existingLocation, location)) {
      throw new LoglakeException(
          "Cannot write the Iceberg table "
              + table
              + ": it is at "
              + existingLocation
              + ", another curated zone than "
              + location
              + " (--curated)",
          "nothing was written; use --curated "
              + existingLocation
              + ", or name another table for this zone with --curated-table DB.TABLE");
    }
  }
}
