package io.loglake.job;

import io.loglake.config.LoglakeHome;
import java.util.function.Function;
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
   * Runs {@code work} on a session from {@link #create} and stops the session afterwards — unless
   * one was already running (a test's, or the platform's), which is left as it was.
   */
  public static <T> T withSession(
      String appName,
      String master,
      LoglakeHome home,
      boolean progressBar,
      Function<SparkSession, T> work) {
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = create(appName, master, home, progressBar);
    try {
      return work.apply(spark);
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }

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
