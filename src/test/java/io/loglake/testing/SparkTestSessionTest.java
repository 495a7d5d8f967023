package io.loglake.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.loglake.cli.Main;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(SparkTestSession.class)
class SparkTestSessionTest {
  private static final String SHUFFLE = "spark.sql.shuffle.partitions";

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @Test
  void aCommandRunInThisJvmUsesTheSharedSessionAndTheRestorePutsItsSettingsBack(
      SparkSession spark) {
    assertThat(spark.conf().get(SHUFFLE)).isEqualTo("4");

    int exit = Main.execute("query", "--sql", "SELECT 1 AS one", "--format", "csv");

    assertThat(exit).as(output.stderr()).isZero();
    assertThat(output.stdout()).isEqualTo("one\r\n1\r\n");
    assertThat(SparkSession.getDefaultSession().get()).isSameAs(spark);
    assertThat(spark.sparkContext().isStopped()).as("left running").isFalse();
    // The command's getOrCreate applied its own shuffle partitions (4 per core) to the session.
    assumeThat(Runtime.getRuntime().availableProcessors()).isGreaterThan(1);
    assertThat(spark.conf().get(SHUFFLE)).isNotEqualTo("4");
    spark.conf().set("spark.loglake.test.added", "x");

    SparkTestSession.restoreSettings();

    assertThat(spark.conf().get(SHUFFLE)).isEqualTo("4");
    assertThat(spark.conf().getOption("spark.loglake.test.added").isDefined()).isFalse();
  }
}
