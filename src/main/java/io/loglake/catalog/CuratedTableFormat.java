package io.loglake.catalog;

import io.loglake.LoglakeException;
import io.loglake.config.TableFormat;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;

/**
 * The format of the curated table as the catalog holds it, and the check that a run's {@code
 * --format} is that one. Iceberg's Hive and Glue catalogs both mark their tables with the table
 * property {@code table_type = ICEBERG}; any other table is the Hive-style Parquet one.
 */
public final class CuratedTableFormat {
  /** The property Iceberg's Hive and Glue catalogs set on the tables they own. */
  static final String TABLE_TYPE = "table_type";

  private CuratedTableFormat() {}

  /** The format of {@code name} in the session's catalog, or empty when there is no such table. */
  public static Optional<TableFormat> of(SparkSession spark, TableName name) {
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    if (!catalog.databaseExists(name.database())
        || !catalog.tableExists(name.database(), name.table())) {
      return Optional.empty();
    }
    CatalogTable table = catalog.getTable(name.database(), name.table());
    String type = table.properties().get(TABLE_TYPE).getOrElse(() -> "");
    return Optional.of(
        "ICEBERG".equals(type.toUpperCase(Locale.ROOT))
            ? TableFormat.ICEBERG
            : TableFormat.PARQUET);
  }

  /**
   * Fails, before anything is written, when {@code name} exists in another format than {@code
   * wanted}: writing Parquet folders under an Iceberg table's location (or the reverse) would give
   * readers of the table a zone they cannot read.
   */
  public static void check(SparkSession spark, TableName name, TableFormat wanted) {
    Optional<TableFormat> existing = of(spark, name);
    if (existing.isPresent() && existing.get() != wanted) {
      throw new LoglakeException(
          "Cannot write the curated table "
              + name
              + " as "
              + wanted.text()
              + ": it exists as "
              + (existing.get() == TableFormat.ICEBERG ? "an " : "a ")
              + existing.get().text()
              + " table, and a table's format is chosen when it is created",
          "nothing was written; rerun with --format "
              + existing.get().text()
              + ", or name another table and curated path (--curated-table, --curated) for the "
              + wanted.text()
              + " one");
    }
  }
}
