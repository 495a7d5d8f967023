package io.loglake.job;

import io.loglake.LoglakeException;
import io.loglake.config.AwsEndpoints;
import io.loglake.config.LoglakeHome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session: the one place where a local run differs from Glue, EMR or a cluster.
 *
 * <p>When {@code spark.master} is already set (spark-submit, Glue, EMR) the session is taken as the
 * platform configured it, catalog included. Otherwise the run is local: {@code local[*]} (or the
 * given master), no UI, and an embedded Hive metastore (Derby) whose database and warehouse live
 * under {@link LoglakeHome}, whose session catalog is Iceberg's {@code SparkSessionCatalog} (type
 * {@code hive}: Iceberg tables in the same metastore, all other tables served by Spark as before)
 * when Iceberg is on the classpath, and S3A serving {@code s3://}, {@code s3n://} and {@code
 * s3a://} at the environment's endpoint and region ({@link AwsEndpoints#localS3aSettings}). Either
 * way the session clock is UTC.
 *
 * <p>Settings given with {@code --conf} are applied last, so they win over all of these: to a local
 * session as it is built; to a session that is already running (the platform's, a test's) as
 * runtime settings, where a {@code spark.hadoop.*} key goes into the Hadoop configuration (file
 * systems created from then on see it) and a static Spark key fails the run with a clear error
 * rather than being ignored.
 */
public final class SparkSessionFactory {
  static final String ICEBERG_EXTENSIONS =
      "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions";
  static final String ICEBERG_SESSION_CATALOG = "org.apache.iceberg.spark.SparkSessionCatalog";

  static final String CATALOG_IMPLEMENTATION = "spark.sql.catalogImplementation";

  private SparkSessionFactory() {}

  /** Iceberg is provided (Glue ships it, the launcher and tests include it), not bundled. */
  private static boolean icebergOnClasspath() {
    try {
      Class.forName(ICEBERG_SESSION_CATALOG, false, SparkSessionFactory.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** True when this JVM was not started by a Spark launcher (spark-submit, Glue, EMR). */
  public static boolean isLocal() {
    return !new SparkConf().contains("spark.master");
  }

  /**
   * The session for a run: the platform's when {@code spark.master} is set (unless {@code master}
   * is given), else a local one under {@code home}. The caller owns its lifecycle: it stops a
   * session it started, and leaves one that was already running.
   */
  public static SparkSession create(
      String appName, String master, LoglakeHome home, boolean progressBar) {
    return create(appName, master, home, progressBar, Map.of());
  }

  /** {@link #create(String, String, LoglakeHome, boolean)} with {@code conf} ({@code --conf}). */
  public static SparkSession create(
      String appName,
      String master,
      LoglakeHome home,
      boolean progressBar,
      Map<String, String> conf) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    boolean running = SparkSession.getDefaultSession().isDefined();
    boolean local = isLocal() || master != null;
    if (local) {
      String derbyHome = home.metastore().toString();
      LocalMetastore.recoverInterruptedCreation(home.metastore().resolve("metastore_db"));
      System.setProperty("derby.system.home", derbyHome);
      System.setProperty(
          "derby.stream.error.file", home.metastore().resolve("derby.log").toString());
      builder
          .master(master != null ? master : "local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", Boolean.toString(progressBar))
          .config("spark.sql.shuffle.partitions", Runtime.getRuntime().availableProcessors() * 4L)
          .config("spark.sql.warehouse.dir", home.warehouse().toUri().toString())
          .config(
              "spark.hadoop.javax.jdo.option.ConnectionURL",
              "jdbc:derby:;databaseName="
                  + home.metastore().resolve("metastore_db")
                  + ";create=true")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .enableHiveSupport();
      if (icebergOnClasspath()) {
        // Static settings, so set whenever the session is built: the session catalog then serves
        // Iceberg tables (etl --format iceberg) from the same embedded metastore, and hands every
        // other table to Spark's own Hive catalog unchanged.
        builder
            .config("spark.sql.extensions", ICEBERG_EXTENSIONS)
            .config("spark.sql.catalog.spark_catalog", ICEBERG_SESSION_CATALOG)
            .config("spark.sql.catalog.spark_catalog.type", "hive")
            // The embedded Derby metastore has no Hive transaction tables, so no HMS locks: a
            // commit swaps the metadata pointer with alter_table instead (one writer at a time
            // locally; Glue's catalog checks the table version on each commit).
            .config("spark.hadoop.iceberg.engine.hive.lock-enabled", "false");
      }
      if (!running) {
        // Static for S3A's file system instances, so set as the session is built, --conf last.
        localSettings(AwsEndpoints.fromEnvironment(), conf).forEach(builder::config);
      }
    }
    SparkSession spark = builder.getOrCreate();
    if (!local) {
      requireHiveCompatibleCatalog(catalogImplementation(spark));
    }
    if (running || !local) {
      applyAtRuntime(spark, conf);
    }
    // Last, so not even --conf changes it: event hours and partitions are UTC by contract.
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    return spark;
  }

  /** The session's catalog: {@code hive} or {@code in-memory} (Spark's default). */
  static String catalogImplementation(SparkSession spark) {
    return spark.conf().get(CATALOG_IMPLEMENTATION, "in-memory");
  }

  /**
   * Fails unless the platform's session has a Hive-compatible catalog (the Glue Data Catalog on
   * Glue, a Hive metastore elsewhere): with Spark's in-memory catalog the curated table would be
   * registered in a catalog that vanishes with the run, and {@code --table} would find nothing.
   */
  static void requireHiveCompatibleCatalog(String catalogImplementation) {
    if (!"hive".equals(catalogImplementation)) {
      throw new LoglakeException(
          "Cannot use the platform's Spark session: its catalog is "
              + CATALOG_IMPLEMENTATION
              + "="
              + catalogImplementation
              + ", not hive, so no table would outlive the run",
          "on AWS Glue set --enable-glue-datacatalog true (the job definition has it in"
              + " NonOverridableArguments); on EMR or a cluster use the Glue Data Catalog or a Hive"
              + " metastore (--conf spark.sql.catalogImplementation=hive)");
    }
  }

  private static void setRuntime(SparkSession spark, String key, String value) {
    try {
      spark.conf().set(key, value);
    } catch (Exception e) {
      // Spark throws its (checked) AnalysisException for a static SQL or a Spark core key.
      throw new LoglakeException(
          "Cannot apply --conf "
              + key
              + ": "
              + e.getMessage()
              + " (a static setting, fixed when Spark started, and Spark is already running)",
          "give it where Spark is started instead: spark-submit --conf, or the Glue job's --conf"
              + " argument",
          e);
    }
  }

  /** The S3A settings of the environment, then {@code conf}: an explicit setting wins. */
  static Map<String, String> localSettings(AwsEndpoints endpoints, Map<String, String> conf) {
    Map<String, String> settings = new LinkedHashMap<>(endpoints.localS3aSettings());
    settings.putAll(conf);
    return settings;
  }

  /**
   * {@code conf} on a running session: {@code spark.hadoop.*} into its Hadoop configuration, a
   * runtime key set, a static one refused (it would silently do nothing).
   */
  static void applyAtRuntime(SparkSession spark, Map<String, String> conf) {
    conf.forEach(
        (key, value) -> {
          if (key.startsWith("spark.hadoop.")) {
            spark
                .sparkContext()
                .hadoopConfiguration()
                .set(key.substring("spark.hadoop.".length()), value);
          } else {
            setRuntime(spark, key, value);
          }
        });
  }
}
