package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.AwsEndpoints;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSessionFactoryTest {
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
