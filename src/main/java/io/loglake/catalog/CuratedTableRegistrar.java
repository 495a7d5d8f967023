package io.loglake.catalog;

import io.loglake.LoglakeException;
import io.loglake.job.Counts;
import io.loglake.schema.CuratedPartition;
import io.loglake.schema.LogSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * Registers the curated zone in the session's catalog after an ETL run: the external Parquet table
 * ({@link LogSchema#CURATED}, {@code PARTITIONED BY (dt date, hr int)}, {@code LOCATION} = the
 * curated path) is created when missing, and exactly the partitions the run wrote are added with
 * {@code ALTER TABLE … ADD IF NOT EXISTS PARTITION}, at most {@link #BATCH_SIZE} per statement.
 * Partition folders are the Hive-style {@code dt=…/hr=…} ones the writer makes, so {@code MSCK
 * REPAIR TABLE} finds the same partitions.
 *
 * <p>Works on whatever catalog the session has: the embedded Hive metastore locally, the Glue Data
 * Catalog on Glue or EMR. Fails with a {@link LoglakeException} when the table exists but points at
 * another curated zone that still exists, or is partitioned differently: registering there would
 * mix two curated zones. A table whose location no longer exists is stale and is re-created.
 */
public final class CuratedTableRegistrar {
  /** Partitions per {@code ALTER TABLE} statement. */
  public static final int BATCH_SIZE = 100;

  private static final Logger LOG = LoggerFactory.getLogger(CuratedTableRegistrar.class);

  private CuratedTableRegistrar() {}

  /**
   * Makes {@code table} describe {@code curatedPath} before a run writes anything, so that a table
   * that cannot take the run's partitions fails the run at once instead of after the work.
   */
  public static void prepare(SparkSession spark, String table, String curatedPath) {
    ensureTable(spark, TableName.parse(table), qualified(spark, curatedPath), false);
  }

  /**
   * Makes {@code table} describe {@code curatedPath} and registers {@code partitions}. Returns the
   * number of partitions registered.
   */
  public static int register(
      SparkSession spark, String table, String curatedPath, List<CuratedPartition> partitions) {
    TableName name = TableName.parse(table);
    String location = qualified(spark, curatedPath);
    ensureTable(spark, name, location, true);
    List<String> specs = new ArrayList<>();
    for (CuratedPartition partition : partitions) {
      specs.add(
          "PARTITION ("
              + LogSchema.DT
              + " = "
              + Sql.string(partition.dt().toString())
              + ", "
              + LogSchema.HR
              + " = "
              + partition.hr()
              + ")");
    }
    for (int from = 0; from < specs.size(); from += BATCH_SIZE) {
      List<String> batch = specs.subList(from, Math.min(specs.size(), from + BATCH_SIZE));
      String statement =
          "ALTER TABLE " + name.quoted() + " ADD IF NOT EXISTS " + String.join(" ", batch);
      try {
        spark.sql(statement);
      } catch (Exception e) {
        throw new LoglakeException(
            "Cannot register the curated partitions in " + name + ": " + e.getMessage(),
            "the data is written; rerun the job, or run MSCK REPAIR TABLE " + name + " by hand",
            e);
      }
    }
    LOG.info("registered {} in {} ({})", Counts.of(specs.size(), "partition"), name, location);
    return specs.size();
  }

  /**
   * The Spark SQL DDL of the curated table at {@code location} (in its {@link CatalogLocation}
   * form).
   */
  public static String createTableSql(TableName name, String location) {
    String columns =
        java.util.Arrays.stream(LogSchema.CURATED.fields())
            .filter(f -> !LogSchema.PARTITION_COLUMNS.contains(f.name()))
            .map(CuratedTableRegistrar::column)
            .collect(Collectors.joining(", "));
    String partitionColumns =
        LogSchema.PARTITION_COLUMNS.stream()
            .map(f -> column(LogSchema.CURATED.apply(f)))
            .collect(Collectors.joining(", "));
    return "CREATE EXTERNAL TABLE IF NOT EXISTS "
        + name.quoted()
        + " ("
        + columns
        + ")"
        + " PARTITIONED BY ("
        + partitionColumns
        + ") STORED AS PARQUET LOCATION "
        + Sql.string(CatalogLocation.forCatalog(location));
  }

  private static String column(StructField field) {
    return Sql.identifier(field.name()) + " " + field.dataType().sql();
  }

  /** {@code written}: whether the run's data is written yet, which each hint says first. */
  private static void ensureTable(
      SparkSession spark, TableName name, String location, boolean written) {
    String state = written ? "the data is written at " + location + "; " : "nothing was written; ";
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    try {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + Sql.identifier(name.database()));
      if (!catalog.tableExists(name.database(), name.table())) {
        spark.sql(createTableSql(name, location));
        LOG.info("created table {} at {}", name, CatalogLocation.forCatalog(location));
        return;
      }
    } catch (Exception e) {
      throw new LoglakeException(
          "Cannot create table " + name + " at " + location + ": " + e.getMessage(),
          state + "check the catalog (metastore or Glue permissions) and rerun the job",
          e);
    }
    CatalogTable existing = catalog.getTable(name.database(), name.table());
    List<String> partitionColumns = JavaConverters.seqAsJavaList(existing.partitionColumnNames());
    if (!partitionColumns.equals(LogSchema.PARTITION_COLUMNS)) {
      throw new LoglakeException(
          "Cannot register partitions in "
              + name
              + ": it is partitioned by "
              + partitionColumns
              + ", not "
              + LogSchema.PARTITION_COLUMNS,
          state + "name another table with --curated-table, or drop this one");
    }
    String existingLocation = existing.location().toString();
    if (CatalogLocation.same(existingLocation, location)) {
      return;
    }
    if (!exists(spark, existingLocation)) {
      // A table over a folder that is gone (a deleted home or test folder) holds nothing to mix
      // with: it is replaced. Dropping an external table leaves files alone.
      LOG.warn(
          "table {} pointed at {}, which no longer exists: re-creating it at {}",
          name,
          existingLocation,
          location);
      spark.sql("DROP TABLE " + name.quoted());
      spark.sql(createTableSql(name, location));
      return;
    }
    throw new LoglakeException(
        "Cannot register partitions in "
            + name
            + ": the table is over "
            + trimSlash(existingLocation)
            + ", another curated zone than "
            + location
            + " (--curated)",
        state
            + "to keep both, name a table for this zone with --curated-table DB.TABLE; to leave the"
            + " catalog alone, add --no-register; to move the table here, drop it first (its files stay):"
            + " loglake query --sql \"DROP TABLE "
            + name
            + "\"");
  }

  private static boolean exists(SparkSession spark, String location) {
    Path p = new Path(location);
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      // Cannot tell: treat it as live, so the mismatch is reported rather than the table replaced.
      return true;
    }
  }

  /** {@code path} qualified by its file system (a relative local path made absolute). */
  public static String qualified(SparkSession spark, String path) {
    Path p = new Path(path);
    if (p.isAbsolute() && p.toUri().getScheme() != null && p.toUri().getAuthority() != null) {
      // Already qualified (s3a://bucket/x): no file system needed to say so.
      return trimSlash(p.toString());
    }
    try {
      return trimSlash(
          p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString());
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot resolve the curated path " + path + ": " + e.getMessage(),
          "check the path and its file system settings",
          e);
    }
  }

  private static String trimSlash(String location) {
    return location.replaceAll("/+$", "");
  }
}
