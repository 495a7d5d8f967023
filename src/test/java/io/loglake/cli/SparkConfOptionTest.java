package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --conf key=value} on a command run in a JVM whose Spark session is already running (as
 * under spark-submit or Glue): runtime settings and {@code spark.hadoop.*} keys reach the session,
 * a static setting fails the run (exit 1, saying where to give it), a malformed one is a usage
 * error (exit 2).
 */
@ExtendWith(SparkTestSession.class)
class SparkConfOptionTest {
  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @Test
  void aRuntimeSettingAndAHadoopKeyReachTheRunningSession(SparkSession spark) {
    int exit =
        Main.execute(
            "query",
            "--format",
            "csv",
            "--sql",
            "SELECT 1 AS one",
            "--conf",
            "spark.sql.shuffle.partitions=7",
            "--conf",
            "spark.hadoop.loglake.test.conf-option=reached");

    assertThat(exit).as(output.stderr()).isZero();
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("7");
    assertThat(spark.sparkContext().hadoopConfiguration().get("loglake.test.conf-option"))
        .isEqualTo("reached");
  }

  @Test
  void aStaticSettingOnARunningSessionFailsSayingWhereToGiveIt() {
    int exit =
        Main.execute(
            "query", "--sql", "SELECT 1", "--conf", "spark.sql.warehouse.dir=/tmp/elsewhere");

    assertThat(exit).isEqualTo(1);
    assertThat(output.stderr())
        .contains("Cannot apply --conf spark.sql.warehouse.dir")
        .contains("spark-submit --conf");
    assertThat(output.stdout()).isEmpty();
  }

  @Test
  void aSettingWithoutEqualsIsAUsageError() {
    int exit = Main.execute("etl", "--raw", "r", "--conf", "spark.sql.shuffle.partitions");

    assertThat(exit).isEqualTo(2);
    assertThat(output.stderr()).contains("--conf").contains("Usage: loglake etl");
  }

  @Test
  void aSettingWithoutAKeyIsAUsageError() {
    int exit = Main.execute("query", "--sql", "SELECT 1", "--conf", "=3");

    assertThat(exit).isEqualTo(2);
    assertThat(output.stderr()).contains("has no key").contains("Usage: loglake query");
  }
}
