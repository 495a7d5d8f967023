package io.loglake.job;

import io.loglake.LoglakeException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.collection.JavaConverters;

/**
 * Runs one action over a plan holding {@code Dataset.observe(name, …)} nodes and returns the
 * metrics those nodes observed, read from the action's own {@link QueryExecution}.
 *
 * <p>Why not {@link org.apache.spark.sql.Observation}: in Spark 3.5 its {@code get()} waits,
 * without a bound, for a metrics row that never comes when adaptive execution removed the observed
 * node (an empty shuffle output is replaced by an empty relation: a run that keeps no record hung
 * for good). Here the wait ends when Spark reports the action finished, whatever its plan became;
 * the run also keeps the observed nodes in the plan while the action runs (see {@link
 * #KEEP_EMPTY_STAGES}), so that a write of no row still reports what was read, filtered and
 * quarantined.
 */
final class ObservedAction {
  /**
   * The adaptive optimiser's rule that replaces a stage with an empty result by an empty relation,
   * dropping the observed nodes below it (and their counts) from the plan. Excluded during the
   * action.
   */
  static final String KEEP_EMPTY_STAGES =
      "org.apache.spark.sql.execution.adaptive.AQEPropagateEmptyRelation";

  private static final String EXCLUDED_RULES = "spark.sql.adaptive.optimizer.excludedRules";

  /** Spark posts the end of an action on its listener bus just after the action returns. */
  private static final long REPORT_WAIT_SECONDS = 300;

  private ObservedAction() {}

  /**
   * Runs {@code action} and returns, for each of {@code names}, the observed metrics as a map from
   * metric name to value. A name the finished plan did not observe fails with a {@link
   * LoglakeException} rather than reporting counts of zero that would not be true.
   */
  static Map<String, Map<String, Object>> run(
      SparkSession spark, List<String> names, Runnable action) {
    Listener listener = new Listener(names);
    String excluded = spark.conf().get(EXCLUDED_RULES, "");
    spark
        .conf()
        .set(
            EXCLUDED_RULES,
            excluded.isBlank() ? KEEP_EMPTY_STAGES : excluded + "," + KEEP_EMPTY_STAGES);
    spark.listenerManager().register(listener);
    try {
      action.run();
      Map<String, Row> observed =
          await(
              listener.result,
              () ->
                  "Spark did not report the end of the write within " + REPORT_WAIT_SECONDS + " s");
      Map<String, Map<String, Object>> metrics = new HashMap<>();
      for (String name : names) {
        Row row = observed.get(name);
        if (row == null) {
          throw new LoglakeException(
              "Cannot report the run: Spark reported no metrics for " + name,
              "the data is written; rerun the job (it rewrites the same partitions) and report this");
        }
        metrics.put(
            name,
            JavaConverters.mapAsJavaMap(
                row.getValuesMap(
                    JavaConverters.asScalaBuffer(List.of(row.schema().fieldNames())).toSeq())));
      }
      return metrics;
    } finally {
      spark.listenerManager().unregister(listener);
      if (excluded.isBlank()) {
        spark.conf().unset(EXCLUDED_RULES);
      } else {
        spark.conf().set(EXCLUDED_RULES, excluded);
      }
    }
  }

  private static Map<String, Row> await(
      CompletableFuture<Map<String, Row>> result, Supplier<String> timeout) {
    try {
      return result.get(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the run's metrics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot read the run's metrics", e.getCause());
    } catch (TimeoutException e) {
      throw new LoglakeException(
          "Cannot report the run: " + timeout.get(),
          "the data is written; rerun the job (it rewrites the same partitions)",
          e);
    }
  }

  /**
   * Completes with the observed metrics of the first finished action that observes {@code names}.
   */
  private static final class Listener implements QueryExecutionListener {
    private final List<String> names;
    final CompletableFuture<Map<String, Row>> result = new CompletableFuture<>();

    Listener(List<String> names) {
      this.names = List.copyOf(names);
    }

    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      if (observes(qe.logical())) {
        result.complete(new HashMap<>(JavaConverters.mapAsJavaMap(qe.observedMetrics())));
      }
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {
      if (observes(qe.logical())) {
        // The action itself throws; this only ends the wait.
        result.complete(Map.of());
      }
    }

    private boolean observes(LogicalPlan plan) {
      return plan.exists(
          node -> node instanceof CollectMetrics metrics && names.contains(metrics.name()));
    }
  }
}
