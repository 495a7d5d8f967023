package io.loglake.catalog;

import io.loglake.config.TableFormat;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Every query under sql/athena/queries/ on an Iceberg curated table ({@code --format iceberg}),
 * with the expectations of {@link CatalogSqlQueriesTest}, computed from the .gz files with plain
 * Java.
 */
class CatalogSqlQueriesIcebergTest extends CatalogSqlQueriesTest {
  @Override
  TableFormat format() {
    return TableFormat.ICEBERG;
  }

  /** Iceberg has no registered partitions: its partitions metadata table, from the manifests. */
  @Override
  List<String> partitions(SparkSession spark) {
    return QueryResults.rowsOf(
        spark,
        "SELECT concat('dt=', partition.dt, '/hr=', partition.hr)"
            + " FROM logs_analytics.app_logs_curated.partitions");
  }
}
