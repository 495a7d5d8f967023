package io.loglake.job;

import io.loglake.LoglakeException;
import io.loglake.config.EtlConfig;
import io.loglake.config.MetricsTarget;
import io.loglake.metrics.CloudWatchRunMetrics;
import io.loglake.metrics.MetricsPublishException;
import io.loglake.metrics.RunMetrics;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's report → its metrics ({@code --metrics}), on the driver, one publication per run (per
 * micro-batch for a stream).
 *
 * <p>A target that cannot be set up (CloudWatch without a region) fails {@link #open} with a {@link
 * LoglakeException}, before the run writes anything. A publication that fails after the run
 * (endpoint down, throttled past the SDK's retries, no credentials) does not fail the run: its
 * data, catalog entries and incremental state are committed by then, and a retry (Glue's, the
 * scheduler's) would read nothing new, so it could not publish the lost values either; a failed
 * status would only make the scheduler redo or alert on a run that did its work. It is logged as a
 * warning with the cause and added to the report's warnings, and the alarm on the metric sees the
 * gap as missing data.
 */
final class ReportMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportMetrics.class);

  private final RunMetrics metrics;
  private final String table;

  private ReportMetrics(RunMetrics metrics, String table) {
    this.metrics = metrics;
    this.table = table;
  }

  /** The publisher {@code config} asks for; null metrics: none. */
  static ReportMetrics open(EtlConfig config) {
    if (config.metrics() == MetricsTarget.NONE) {
      return new ReportMetrics(null, config.metricsTable());
    }
    try {
      return new ReportMetrics(CloudWatchRunMetrics.create(), config.metricsTable());
    } catch (MetricsPublishException e) {
      throw new LoglakeException(
          e.getMessage(),
          "set AWS_REGION (and credentials, e.g. AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a"
              + " role), or run without --metrics cloudwatch",
          e);
    }
  }

  /**
   * Publishes {@code report}'s metrics; returns it as is, or, when the publication failed, with a
   * warning saying so.
   */
  RunReport publish(RunReport report) {
    if (metrics == null) {
      return report;
    }
    Instant end = Instant.parse(report.startedAt()).plusMillis(report.durationMs());
    try {
      metrics.publish(table, end, report.metricCounts(), report.durationMs());
      LOG.info("run {}: metrics published to {}", report.runId(), metrics.describe());
      return report;
    } catch (MetricsPublishException e) {
      String warning =
          "metrics not published (the run's data is written): "
              + e.getMessage()
              + "; check the endpoint, region and credentials (cloudwatch:PutMetricData)";
      LOG.warn("run {}: {}", report.runId(), warning, e);
      return report.withWarning(warning);
    }
  }

  @Override
  public void close() {
    if (metrics != null) {
      metrics.close();
    }
  }
}
