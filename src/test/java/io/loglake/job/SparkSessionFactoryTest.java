package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class SparkSessionFactoryTest {
  @Test
  void aPlatformSessionWithoutAHiveCatalogFailsNamingGluesArgument() {
    assertThatThrownBy(() -> SparkSessionFactory.requireHiveCompatibleCatalog("in-memory"))
        .isInstanceOf(LoglakeException.class)
        .hasMessage(
            "Cannot use the platform's Spark session: its catalog is"
                + " spark.sql.catalogImplementation=in-memory, not hive, so no table would outlive"
                + " the run")
        .satisfies(
            e ->
                assertThat(((LoglakeException) e).hint())
                    .contains("--enable-glue-datacatalog true"));
  }

  @Test
  void aHiveCatalogIsAccepted() {
    assertThatCode(() -> SparkSessionFactory.requireHiveCompatibleCatalog("hive"))
        .doesNotThrowAnyException();
  }

  @Test
  void theCatalogIsReadFromTheSession(SparkSession spark) {
    // The test session is built like a local run's: with Hive support, so the check passes on it.
    assertThat(SparkSessionFactory.catalogImplementation(spark)).isEqualTo("hive");
  }
}
