package io.loglake.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * {@link RunMetrics} in Amazon CloudWatch: one {@code PutMetricData} call per run in namespace
 * {@value #NAMESPACE}, every metric with one dimension {@value #TABLE_DIMENSION} (the curated
 * table), counts in unit {@code Count} and {@value RunMetrics#DURATION_MS} in {@code Milliseconds}.
 *
 * <p>Region, endpoint and credentials follow the AWS SDK's own conventions, read by the SDK: the
 * region from {@code AWS_REGION} ({@code aws.region}, the profile, or the instance's), the endpoint
 * from {@code AWS_ENDPOINT_URL_CLOUDWATCH} or {@code AWS_ENDPOINT_URL} (system properties {@code
 * aws.endpointUrlCloudWatch}, {@code aws.endpointUrl}, or the profile) else the region's, the
 * credentials from the default chain. The SDK's standard retries (throttling, 5xx) apply, bounded
 * by {@link #CALL_TIMEOUT}.
 */
public final class CloudWatchRunMetrics implements RunMetrics {
  public static final String NAMESPACE = "loglake";
  public static final String TABLE_DIMENSION = "table";

  /** What one publication may take in all, retries included: a hung endpoint never hangs a run. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  /** What {@code PutMetricData} takes in one request. */
  static final int MAX_METRICS_PER_CALL = 1000;

  private final CloudWatchClient client;

  private CloudWatchRunMetrics(CloudWatchClient client) {
    this.client = client;
  }

  /**
   * A publisher with the SDK's region, endpoint and credentials. Fails with {@link
   * MetricsPublishException} when the SDK finds no region (before a run starts, so that a run that
   * cannot publish is not started).
   */
  public static CloudWatchRunMetrics create() {
    try {
      return new CloudWatchRunMetrics(
          CloudWatchClient.builder()
              .httpClientBuilder(
                  UrlConnectionHttpClient.builder()
                      .connectionTimeout(Duration.ofSeconds(10))
                      .socketTimeout(Duration.ofSeconds(30)))
              .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))
              .build());
    } catch (SdkException e) {
      throw new MetricsPublishException("Cannot set up CloudWatch metrics: " + e.getMessage(), e);
    }
  }

  @Override
  public void publish(String table, Instant time, Map<String, Long> counts, long durationMs) {
    Dimension dimension = Dimension.builder().name(TABLE_DIMENSION).value(table).build();
    List<MetricDatum> data = new ArrayList<>();
    counts.forEach(
        (name, value) -> data.add(datum(name, dimension, time, value, StandardUnit.COUNT)));
    data.add(datum(DURATION_MS, dimension, time, durationMs, StandardUnit.MILLISECONDS));
    if (data.size() > MAX_METRICS_PER_CALL) {
      throw new IllegalArgumentException(
          "a run has at most " + MAX_METRICS_PER_CALL + " metrics, got " + data.size());
    }
    try {
      client.putMetricData(r -> r.namespace(NAMESPACE).metricData(data));
    } catch (SdkException e) {
      throw new MetricsPublishException(
          "Cannot publish the run's metrics to " + describe() + ": " + e.getMessage(), e);
    }
  }

  private static MetricDatum datum(
      String name, Dimension dimension, Instant time, long value, StandardUnit unit) {
    return MetricDatum.builder()
        .metricName(name)
        .dimensions(dimension)
        .timestamp(time)
        .value((double) value)
        .unit(unit)
        .build();
  }

  @Override
  public String describe() {
    return "CloudWatch namespace " + NAMESPACE;
  }

  @Override
  public void close() {
    client.close();
  }
}
