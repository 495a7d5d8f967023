package io.loglake.metrics;

import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.cli.Main;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import io.loglake.testing.SystemProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loglake etl --metrics cloudwatch} run whole in this JVM against {@link
 * CloudWatchTestServer}: what reaches CloudWatch is what the run report says, and a CloudWatch that
 * fails does not fail a run whose data is written.
 */
@ExtendWith(SparkTestSession.class)
class EtlMetricsRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "metrics_db.app_logs_curated";

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @RegisterExtension
  final SystemProperties aws =
      SystemProperties.of(
          "aws.accessKeyId",
          CloudWatchRunMetricsTest.ACCESS_KEY,
          "aws.secretAccessKey",
          "metrics-test-secret",
          "aws.region",
          "us-east-2");

  @TempDir Path dir;
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

  /**
   * Six records over two event hours: three kept, one exact duplicate of a kept one, one INFO
   * (filtered out), one that is not JSON (quarantined).
   */
  private Path rawZone() {
    Path raw = dir.resolve("raw");
    String first = record("2025-11-09T10:00:01Z", "ERROR", "checkout", "m1", "u1", null);
    gzipFile(
        raw.resolve("2025/11/09/11/stream-1-2025-11-09-11-00-00-a.gz"),
        first,
        record("2025-11-09T10:00:02Z", "WARN", "checkout", "m2", "u2", null),
        record("2025-11-09T11:00:03Z", "ERROR", "search", "m3", "u3", null),
        first,
        record("2025-11-09T11:00:04Z", "INFO", "search", "m4", "u4", null),
        "{\"timestamp\": \"2025-11-09T11:00:05Z\", \"level\": \"ERROR\"");
    return raw;
  }

  private int etl(Path report) {
    return Main.execute(
        "etl",
        "--raw",
        rawZone().toString(),
        "--curated",
        dir.resolve("curated").toString(),
        "--curated-table",
        TABLE,
        "--report",
        report.toString(),
        "--metrics",
        "cloudwatch");
  }

  /** Each metric's value as the report JSON gives it (the partitions: their number). */
  private static Map<String, Double> fromReport(JsonNode report) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String name :
        List.of(
            "records_read",
            "records_written",
            "records_quarantined",
            "records_filtered_out",
            "duplicates_removed",
            "duration_ms")) {
      values.put(name, report.get(name).asDouble());
    }
    values.put("partitions_written", (double) report.get("partitions_written").size());
    return values;
  }

  @Test
  void aRunPublishesItsReportsCountsAndDurationInOneCall() throws Exception {
    Path report = dir.resolve("report.json");

    int exit = etl(report);

    assertThat(exit).as(output.stderr()).isZero();
    JsonNode run = JSON.readTree(report.toFile());
    assertThat(run.get("warnings").size()).as(run.toString()).isZero();
    // The fixture's counts, written out: the report (and so the metrics) must say these.
    Map<String, Double> expected = fromReport(run);
    assertThat(expected)
        .containsEntry("records_read", 6.0)
        .containsEntry("records_written", 3.0)
        .containsEntry("records_quarantined", 1.0)
        .containsEntry("records_filtered_out", 1.0)
        .containsEntry("duplicates_removed", 1.0)
        .containsEntry("partitions_written", 2.0);
    assertThat(server.protocolErrors()).isZero();
    assertThat(server.calls()).hasSize(1);
    CloudWatchTestServer.Call call = server.calls().get(0);
    assertThat(call.headers().get("authorization"))
        .contains("Credential=" + CloudWatchRunMetricsTest.ACCESS_KEY + "/")
        .contains("/us-east-2/monitoring/aws4_request");
    assertThat(published(call)).isEqualTo(expected);
  }

  /** The call's metrics by name, each checked for the namespace, table dimension and unit. */
  private static Map<String, Double> published(CloudWatchTestServer.Call call) {
    assertThat(call.body().get("Namespace")).isEqualTo("loglake");
    Map<String, Double> published = new LinkedHashMap<>();
    for (Map<String, Object> datum : call.metricData()) {
      assertThat(datum.get("Dimensions"))
          .as(datum.toString())
          .isEqualTo(List.of(Map.of("Name", "table", "Value", TABLE)));
      assertThat(datum.get("Unit"))
          .as(datum.toString())
          .isEqualTo(datum.get("MetricName").equals("duration_ms") ? "Milliseconds" : "Count");
      published.put((String) datum.get("MetricName"), ((Number) datum.get("Value")).doubleValue());
    }
    return published;
  }

  @Test
  void aStreamPublishesEveryMicroBatchItsEmptyOnesAsZeros() throws Exception {
    Path state = dir.resolve("state");

    int exit =
        Main.execute(
            "stream",
            "--raw",
            rawZone().toString(),
            "--curated",
            dir.resolve("curated").toString(),
            "--state",
            state.toString(),
            "--curated-table",
            TABLE,
            "--trigger",
            "1s",
            "--max-batches",
            "2",
            "--metrics",
            "cloudwatch");

    assertThat(exit).as(output.stderr()).isZero();
    // The first batch read the raw zone (its report is kept), the second found nothing new.
    List<Path> reports;
    try (var files = Files.list(state.resolve("stream/reports"))) {
      reports = files.toList();
    }
    assertThat(reports).hasSize(1);
    Map<String, Double> first = fromReport(JSON.readTree(reports.get(0).toFile()));
    assertThat(first).containsEntry("records_read", 6.0).containsEntry("records_written", 3.0);
    assertThat(server.calls()).hasSize(2);
    assertThat(published(server.calls().get(0))).isEqualTo(first);
    Map<String, Double> second = published(server.calls().get(1));
    assertThat(second).containsOnlyKeys(first.keySet());
    second.forEach(
        (name, value) -> {
          if (!name.equals("duration_ms")) {
            assertThat(value).as(name).isZero();
          }
        });
  }

  @Test
  void aCloudWatchThatFailsLeavesTheRunSuccessfulWithAWarningInItsReport() throws Exception {
    server.answerAllWith(CloudWatchTestServer.Answer.INTERNAL_ERROR);
    Path report = dir.resolve("report.json");

    int exit = etl(report);

    assertThat(exit).as(output.stderr()).isZero();
    assertThat(server.calls()).isNotEmpty();
    JsonNode run = JSON.readTree(report.toFile());
    assertThat(run.get("records_written").asLong()).isEqualTo(3);
    assertThat(run.get("warnings").toString())
        .contains("metrics not published (the run's data is written)")
        .contains("Cannot publish the run's metrics to CloudWatch namespace loglake");
  }
}
