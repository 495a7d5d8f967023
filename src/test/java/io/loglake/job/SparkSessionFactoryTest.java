package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.config.AwsEndpoints;
import io.loglake.testing.SparkTestSession;
import java.util.Map;
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

  @Test
  void anExplicitConfWinsOverTheEnvironmentInALocalSession() {
    AwsEndpoints environment =
        new AwsEndpoints(
            Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2222", "AWS_REGION", "eu-west-1"));

    Map<String, String> settings =
        SparkSessionFactory.localSettings(
            environment,
            Map.of(
                "spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:4444",
                "spark.hadoop.fs.s3.impl", "com.example.OtherFileSystem"));

    assertThat(settings)
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:4444")
        .containsEntry("spark.hadoop.fs.s3.impl", "com.example.OtherFileSystem")
        .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true");
  }
}
