package io.loglake.job;

import io.loglake.LoglakeException;
import io.loglake.config.EtlConfig;
import io.loglake.config.QualityConfig;
import io.loglake.quality.CuratedHours;
import io.loglake.quality.QualityCheck;
import io.loglake.quality.QualityReport;
import io.loglake.quality.QualityRules;
import io.loglake.schema.CuratedPartition;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a written run or micro-batch: its data-quality check ({@code --check}) and its place
 * in the run history.
 *
 * <p>A history that cannot be kept does not fail the run, as a metric that cannot be published does
 * not ({@link ReportMetrics}): the data, catalog entries and state are committed, and a retry would
 * read nothing new; it becomes a warning of the report (printed or written by {@code --report}) and
 * of the log.
 */
final class RunChecks {
  private static final Logger LOG = LoggerFactory.getLogger(RunChecks.class);

  private RunChecks() {}

  /**
   * {@code report} with its {@code quality}, when {@code config} asks for a check: the run's
   * quarantine rate and the partitions it wrote (the newest {@link QualityConfig#MAX_CHECKED_HOURS}
   * of them), the hours not over when it started skipped by the gap and volume rules. The rule
   * lines are logged.
   *
   * @throws LoglakeException when the curated table cannot be read for the check
   */
  static RunReport check(SparkSession spark, EtlConfig config, RunReport report) {
    QualityConfig thresholds = config.quality();
    if (thresholds == null) {
      return report;
    }
    List<CuratedPartition> written =
        report.partitionsWritten().stream().map(CuratedPartition::parse).sorted().toList();
    RunReport checked = report;
    if (written.size() > QualityConfig.MAX_CHECKED_HOURS) {
      checked =
          report.withWarning(
              "the data-quality check looked at the newest "
                  + QualityConfig.MAX_CHECKED_HOURS
                  + " of the "
                  + written.size()
                  + " partitions written");
      written = written.subList(written.size() - QualityConfig.MAX_CHECKED_HOURS, written.size());
    }
    CuratedHours table =
        new CuratedHours(spark, config.format(), config.curatedPath(), config.curatedTable());
    QualityReport quality;
    try {
      quality =
          QualityCheck.check(
              table.rows(QualityCheck.withDayBefore(written)),
              written,
              new QualityRules.RunCounts(
                  report.runId(), report.recordsRead(), report.recordsQuarantined()),
              null,
              Instant.parse(report.startedAt()),
              thresholds);
    } catch (LoglakeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LoglakeException(
          "Cannot check the data quality of run " + report.runId() + ": " + e.getMessage(),
          "the run's data is written; run loglake check --hours with its partitions_written"
              + " once the table is readable",
          e);
    }
    for (String line : quality.lines()) {
      if (line.startsWith("FAIL")) {
        LOG.warn("run {}: {}", report.runId(), line);
      } else {
        LOG.info("run {}: {}", report.runId(), line);
      }
    }
    return checked.withQuality(quality);
  }

  /**
   * Keeps {@code report} in the history at {@code folder} (the newest {@code kept}); returns it,
   * or, when it could not be kept, with a warning saying so.
   */
  static RunReport keep(Configuration hadoopConf, String folder, int kept, RunReport report) {
    try {
      new RunHistory(hadoopConf, folder, kept).write(report);
      return report;
    } catch (LoglakeException e) {
      String warning =
          "run report not kept in the history (the run's data is written): " + e.getMessage();
      LOG.warn("run {}: {}", report.runId(), warning, e);
      return report.withWarning(warning);
    }
  }
}
