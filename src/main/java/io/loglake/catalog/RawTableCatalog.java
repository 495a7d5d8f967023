package io.loglake.catalog;

import java.util.List;
import java.util.Set;

/**
 * A catalog that {@link RawLogsCrawler} registers raw_logs in: the session's catalog through Spark
 * SQL ({@link SparkRawTableCatalog}) or the Glue Data Catalog API ({@link GlueRawTableCatalog}).
 *
 * <p>Failures of the catalog as a whole (unreachable, no permission, a table of another shape) are
 * {@link io.loglake.LoglakeException}s; failures of single partitions come back from {@link
 * #addPartitions} so the crawl can report them and go on.
 */
public interface RawTableCatalog {
  /** What the report names, e.g. {@code hive} or {@code glue}. */
  String describe();

  /**
   * Creates the database and the table at {@code location} when missing. An existing table is kept
   * as it is, but must be partitioned by {@link RawTableDefinition#PARTITION_KEYS}.
   */
  void ensureTable(TableName table, String location);

  /** The values of every partition the table has, each in key order. */
  Set<List<String>> partitionValues(TableName table);

  /** The most partitions {@link #addPartitions} takes in one call. */
  int maxBatchSize();

  /**
   * Adds {@code batch} (at most {@link #maxBatchSize()} partitions). A partition that already
   * exists counts as added. Returns the partitions that could not be added, with the catalog's
   * reason.
   */
  List<CrawlReport.Failure> addPartitions(TableName table, List<RawPartition> batch);
}
