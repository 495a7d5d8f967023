package io.loglake.job;

import io.loglake.config.LoglakeHome;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session: the one place where a local run differs from Glue, EMR or a cluster.
 *
 * <p>When {@code spark.master} is already set (spark-submit, Glue, EMR) the session is taken as the
 * platform configured it, catalog included. Otherwise the run is local: {@code local[*]} (or the
 * given master), no UI, and an embedded Hive metastore (Derby) whose database and warehouse live
 * under {@link LoglakeHome}. Either way the session clock is UTC.
 */
public final class SparkSessionFactory {
  private SparkSessionFactory() {}

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
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (isLocal() || master != null) {
      String derbyHome = home.metastore().toString();
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
    }
    SparkSession spark = builder.getOrCreate();
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    return spark;
  }
}
