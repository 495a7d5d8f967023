package io.loglake.cli;

import io.loglake.catalog.CrawlReport;
import io.loglake.catalog.GlueRawTableCatalog;
import io.loglake.catalog.RawLogsCrawler;
import io.loglake.catalog.SparkRawTableCatalog;
import io.loglake.catalog.TableName;
import io.loglake.config.AwsEndpoints;
import io.loglake.config.EtlConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * {@code loglake crawl}: the Glue crawler's job, done predictably — registers logs_db.raw_logs over
 * the raw zone and adds the hour folders that are not partitions yet.
 */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = {
      "Register the raw zone as a table (explicit schema, JSON SerDe, partitions year/month/day/hour)",
      "and add the hour folders YYYY/MM/DD/HH/ that are not partitions yet. Safe to rerun.",
      "Prints a JSON report; exits 1 when any partition could not be added."
    })
public final class CrawlCommand extends SparkCommand {
  @Mixin SparkOptions sparkOptions;

  @Option(
      names = "--raw",
      paramLabel = "PATH",
      description = "Raw zone root (the folder holding YYYY/). Default: $LOGLAKE_HOME/raw.")
  String raw;

  @Option(
      names = "--table",
      paramLabel = "DB.TABLE",
      defaultValue = EtlConfig.DEFAULT_TABLE,
      description = "Table to register (default: ${DEFAULT-VALUE}).")
  String table;

  @Option(
      names = "--catalog",
      paramLabel = "hive|glue",
      defaultValue = "hive",
      description =
          "hive: the Spark session's catalog (the embedded metastore locally; the Glue Data Catalog"
              + " on Glue/EMR). glue: the Glue API directly, without Spark. Default: ${DEFAULT-VALUE}.")
  String catalog;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "100",
      description = "Partitions per catalog call, 1-100 (default: ${DEFAULT-VALUE}).")
  int batchSize;

  /** --region and --endpoint-url, for --catalog glue; the region defaults to the SDK's. */
  @Mixin AwsOptions aws;

  @Override
  String master() {
    return sparkOptions.master();
  }

  @Override
  int execute() {
    TableName name;
    try {
      name = TableName.parse(table);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid --table: " + e.getMessage());
    }
    if (batchSize < 1 || batchSize > 100) {
      throw usage("Invalid --batch-size: " + batchSize + " is not between 1 and 100");
    }
    String kind = catalog.trim().toLowerCase(Locale.ROOT);
    if (!kind.equals("hive") && !kind.equals("glue")) {
      throw usage("Invalid --catalog: '" + catalog + "' is not a catalog: use hive or glue");
    }
    if (kind.equals("hive") && aws.given()) {
      throw usage("--region and --endpoint-url apply to --catalog glue only");
    }
    String rawPath = raw != null ? raw : home().raw().toString();
    CrawlReport report = kind.equals("glue") ? crawlGlue(rawPath, name) : crawlHive(rawPath, name);

    PrintWriter out = out();
    out.println(report.toJson());
    out.flush();
    // The summary is logged by the crawl itself (as the ETL logs its own): not printed again here.
    PrintWriter err = err();
    if (!report.failures().isEmpty()) {
      err.println(
          "loglake: Cannot add "
              + report.failures().size()
              + " partitions to "
              + name
              + " (see \"failures\" in the report)");
      err.println(
          "  what to do: fix the cause the catalog gives and rerun the crawl: it adds only what is missing");
      err.flush();
      return Main.EXIT_FAILURE;
    }
    err.flush();
    return Main.EXIT_OK;
  }

  private CrawlReport crawlHive(String rawPath, TableName name) {
    SparkSession spark = spark();
    return RawLogsCrawler.crawl(
        new SparkRawTableCatalog(spark),
        spark.sparkContext().hadoopConfiguration(),
        rawPath,
        name,
        batchSize);
  }

  private CrawlReport crawlGlue(String rawPath, TableName name) {
    if (master() != null) {
      throw usage("--master applies to --catalog hive only");
    }
    Region region = aws.givenRegion();
    AwsEndpoints endpoints = AwsEndpoints.fromEnvironment();
    URI endpoint = endpoints.endpoint("GLUE", aws.endpointUrl());
    // No Spark here: the raw zone is listed through a Hadoop configuration of its own, with the
    // same S3A settings (and --conf spark.hadoop.*) as a local session.
    Configuration conf = new Configuration();
    endpoints.localS3aSettings().forEach((key, value) -> setHadoop(conf, key, value));
    sparkConf().forEach((key, value) -> setHadoop(conf, key, value));
    try (GlueClient glue =
        GlueRawTableCatalog.client(
            region == null ? null : region.id(), endpoint == null ? null : endpoint.toString())) {
      return RawLogsCrawler.crawl(new GlueRawTableCatalog(glue), conf, rawPath, name, batchSize);
    }
  }

  private static void setHadoop(Configuration conf, String sparkKey, String value) {
    if (sparkKey.startsWith("spark.hadoop.")) {
      conf.set(sparkKey.substring("spark.hadoop.".length()), value);
    }
  }
}
