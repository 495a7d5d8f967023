package io.loglake.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Engine B, the baseline: the seed's Glue job (shared/seed-pipeline.md, step 5) translated
 * literally to Java Spark. Its {@code from_iso8601_timestamp} does not exist in PySpark, so {@code
 * to_timestamp} stands in; the crawler's table is replaced by what the crawler does, schema
 * inference over the raw JSON files. The only settings added are the environment's, as loglake sets
 * them: no UI, the loopback address, and UTC as the session time zone (as on Glue).
 *
 * <p>Usage: {@code SeedJob RAW_DIR CURATED_DIR}; prints its in-job time (session ready to write
 * done) through {@link InJobTime}.
 */
public final class SeedJob {
  private SeedJob() {}

  public static void main(String[] args) {
    String raw = args[0];
    String curated = args[1];
    SparkSession spark =
        SparkSession.builder()
            .appName("logs_raw_to_curated")
            .master("local[*]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.sources.partitionOverwriteMode", "static")
            .getOrCreate();
    long start = System.nanoTime();

    Dataset<Row> df = spark.read().option("recursiveFileLookup", "true").json(raw);
    Dataset<Row> df2 =
        df.withColumn("ts", to_timestamp(col("timestamp")))
            .withColumn("dt", to_date(col("ts")))
            .withColumn("hr", hour(col("ts")))
            .filter(col("ts").isNotNull());
    Dataset<Row> dfFiltered = df2.filter(col("level").isin("WARN", "ERROR"));
    dfFiltered
        .repartition(col("dt"), col("hr"))
        .write()
        .mode("overwrite")
        .partitionBy("dt", "hr")
        .parquet(curated);

    InJobTime.print(start);
    spark.stop();
  }
}
