package io.loglake.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsEndpointsTest {
  private static final URI EXPLICIT = URI.create("http://127.0.0.1:1111");

  @Test
  void anExplicitEndpointWinsOverBothVariables() {
    AwsEndpoints endpoints =
        new AwsEndpoints(
            Map.of(
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2222",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:3333"));

    assertThat(endpoints.endpoint("S3", EXPLICIT)).isEqualTo(EXPLICIT);
  }

  @Test
  void theServiceVariableWinsOverTheGeneralOne() {
    AwsEndpoints endpoints =
        new AwsEndpoints(
            Map.of(
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2222",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:3333"));

    assertThat(endpoints.endpoint("S3", null)).isEqualTo(URI.create("http://127.0.0.1:2222"));
    assertThat(endpoints.endpoint("firehose", null))
        .as("another service falls back to AWS_ENDPOINT_URL")
        .isEqualTo(URI.create("http://127.0.0.1:3333"));
  }

  @Test
  void withoutVariablesTheRegionsAwsEndpointIsUsed() {
    AwsEndpoints endpoints = new AwsEndpoints(Map.of("AWS_ENDPOINT_URL_S3", " "));

    assertThat(endpoints.endpoint("S3", null)).isNull();
    assertThat(endpoints.region()).isNull();
  }

  @Test
  void pathStyleIsForEndpointsThatAreNotAws() {
    assertThat(AwsEndpoints.pathStyle(URI.create("http://127.0.0.1:9000"))).isTrue();
    assertThat(AwsEndpoints.pathStyle(URI.create("https://minio.example.org"))).isTrue();
    assertThat(AwsEndpoints.pathStyle(URI.create("https://s3.eu-west-1.amazonaws.com"))).isFalse();
    assertThat(
            AwsEndpoints.pathStyle(
                URI.create("https://bucket.vpce-0123-abcd.s3.us-east-1.vpce.amazonaws.com")))
        .isFalse();
    assertThat(AwsEndpoints.pathStyle(URI.create("https://s3.cn-north-1.amazonaws.com.cn")))
        .isFalse();
    assertThat(AwsEndpoints.pathStyle(null)).isFalse();
  }

  @Test
  void localS3aSettingsMapS3ToS3aAndFollowTheEnvironment() {
    AwsEndpoints endpoints =
        new AwsEndpoints(
            Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:3333",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2222",
                "AWS_REGION", "eu-west-1"));

    assertThat(endpoints.localS3aSettings())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem",
                "spark.hadoop.fs.s3n.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem",
                "spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:2222",
                "spark.hadoop.fs.s3a.path.style.access", "true",
                "spark.hadoop.fs.s3a.connection.ssl.enabled", "false",
                "spark.hadoop.fs.s3a.endpoint.region", "eu-west-1"));
  }

  @Test
  void anAwsEndpointKeepsVirtualHostsAndTls() {
    AwsEndpoints endpoints =
        new AwsEndpoints(Map.of("AWS_ENDPOINT_URL_S3", "https://s3.eu-west-1.amazonaws.com"));

    assertThat(endpoints.localS3aSettings())
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "false")
        .doesNotContainKey("spark.hadoop.fs.s3a.connection.ssl.enabled")
        .doesNotContainKey("spark.hadoop.fs.s3a.endpoint.region");
  }

  @Test
  void withNothingSetOnlyTheSchemesAreMapped() {
    assertThat(new AwsEndpoints(Map.of()).localS3aSettings())
        .containsOnlyKeys("spark.hadoop.fs.s3.impl", "spark.hadoop.fs.s3n.impl");
  }
}
