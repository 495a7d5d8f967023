package io.loglake.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.testing.SystemProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CloudWatchRunMetrics} with the real AWS SDK client against {@link CloudWatchTestServer}:
 * region, endpoint and credentials reach the client the SDK's own way (the system properties of
 * {@code AWS_REGION}, {@code AWS_ENDPOINT_URL_CLOUDWATCH} and the default credential chain).
 */
class CloudWatchRunMetricsTest {
  static final String ACCESS_KEY = "AKIDMETRICSTEST";

  @RegisterExtension
  final SystemProperties aws =
      SystemProperties.of(
          "aws.accessKeyId",
          ACCESS_KEY,
          "aws.secretAccessKey",
          "metrics-test-secret",
          "aws.region",
          "eu-west-1");

  private CloudWatchTestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new CloudWatchTestServer();
    aws.set("aws.endpointUrlCloudWatch", server.endpoint().toString());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("records_read", 12L);
    counts.put("records_written", 7L);
    counts.put("records_quarantined", 2L);
    counts.put("records_filtered_out", 2L);
    counts.put("duplicates_removed", 1L);
    counts.put("partitions_written", 3L);
    return counts;
  }

  private static void publish(String table, Instant time, long durationMs) {
    try (CloudWatchRunMetrics metrics = CloudWatchRunMetrics.create()) {
      metrics.publish(table, time, counts(), durationMs);
    }
  }

  @Test
  void oneSignedCallCarriesEveryMetricWithItsDimensionUnitAndValue() {
    Instant time = Instant.parse("2026-12-01T10:15:30.250Z");

    publish("logs_db.app_logs_curated", time, 4321);

    assertThat(server.protocolErrors()).isZero();
    assertThat(server.calls()).hasSize(1);
    CloudWatchTestServer.Call call = server.calls().get(0);
    assertThat(call.headers().get("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
        .contains("/eu-west-1/monitoring/aws4_request");
    assertThat(call.body().get("Namespace")).isEqualTo("loglake");
    Map<String, Object[]> expected = new LinkedHashMap<>();
    expected.put("records_read", new Object[] {12.0, "Count"});
    expected.put("records_written", new Object[] {7.0, "Count"});
    expected.put("records_quarantined", new Object[] {2.0, "Count"});
    expected.put("records_filtered_out", new Object[] {2.0, "Count"});
    expected.put("duplicates_removed", new Object[] {1.0, "Count"});
    expected.put("partitions_written", new Object[] {3.0, "Count"});
    expected.put("duration_ms", new Object[] {4321.0, "Milliseconds"});
    List<Map<String, Object>> data = call.metricData();
    assertThat(data)
        .extracting(d -> d.get("MetricName"))
        .containsExactlyElementsOf(expected.keySet());
    for (Map<String, Object> datum : data) {
      Object[] valueAndUnit = expected.get((String) datum.get("MetricName"));
      assertThat(((Number) datum.get("Value")).doubleValue())
          .as(datum.toString())
          .isEqualTo(valueAndUnit[0]);
      assertThat(datum.get("Unit")).as(datum.toString()).isEqualTo(valueAndUnit[1]);
      assertThat(datum.get("Dimensions"))
          .as(datum.toString())
          .isEqualTo(List.of(Map.of("Name", "table", "Value", "logs_db.app_logs_curated")));
      // A CBOR timestamp: epoch seconds (tag 1), to the millisecond.
      assertThat(((Number) datum.get("Timestamp")).doubleValue())
          .as(datum.toString())
          .isEqualTo(1796120130.25);
    }
  }

  @Test
  void aThrottledCallIsRetriedAndPublishedOnce() {
    server.script(CloudWatchTestServer.Answer.THROTTLE);

    publish("db.t", Instant.now(), 1);

    assertThat(server.calls()).hasSize(2);
    assertThat(server.calls().get(1).body()).isEqualTo(server.calls().get(0).body());
  }

  @Test
  void aServerThatKeepsFailingFailsThePublicationNamingCloudWatchAndTheError() {
    server.answerAllWith(CloudWatchTestServer.Answer.INTERNAL_ERROR);

    assertThatThrownBy(() -> publish("db.t", Instant.now(), 1))
        .isInstanceOf(MetricsPublishException.class)
        .hasMessageStartingWith("Cannot publish the run's metrics to CloudWatch namespace loglake")
        .hasMessageContaining("internal failure");
    // The SDK's own retries, then the failure.
    assertThat(server.calls().size()).isGreaterThan(1);
  }

  /** The main of a child JVM: sets up a publisher, prints what stopped it (exit 3) or "created". */
  static final class WithoutRegion {
    public static void main(String[] args) {
      try {
        CloudWatchRunMetrics.create().close();
        System.out.println("created");
      } catch (MetricsPublishException e) {
        System.out.println(e.getMessage());
        System.exit(3);
      }
    }
  }

  @Test
  void withNoRegionAnywhereThePublisherCannotBeSetUpSoARunFailsBeforeItStarts(@TempDir Path dir)
      throws Exception {
    // A JVM of its own: this one's environment (AWS_REGION) cannot be changed.
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            WithoutRegion.class.getName());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    Path out = dir.resolve("out");
    builder.redirectErrorStream(true).redirectOutput(out.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
    String printed = Files.readString(out);
    assertThat(process.exitValue()).as(printed).isEqualTo(3);
    assertThat(printed).contains("Cannot set up CloudWatch metrics").containsIgnoringCase("region");
  }
}
