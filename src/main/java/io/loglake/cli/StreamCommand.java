package io.loglake.cli;

import io.loglake.config.EtlConfig;
import io.loglake.config.EtlConfigBuilder;
import io.loglake.config.LoglakeHome;
import io.loglake.config.StreamConfig;
import io.loglake.job.StreamJob;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loglake stream}: real-time runs, one micro-batch per trigger, with the same write as
 * {@code etl} (see {@link StreamJob}).
 *
 * <p>Ctrl-C or SIGTERM: a Hadoop shutdown hook that runs before Spark's (which stops the
 * SparkContext and would kill the batch) asks the stream to stop and waits for the batch under way
 * to finish and the summary to be printed; the JVM's shutdown then goes on (Spark stops, file
 * systems close) and a last hook ends the process with status 0, as a stream that stopped when
 * asked has succeeded. A stream that fails keeps the JVM's own status.
 */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description =
        "Run the ETL continuously: one micro-batch per trigger from the raw zone (each an"
            + " `etl --incremental` run) or a Kafka topic, written as etl writes. Exactly once"
            + " through crashes: a cut-short batch is replayed and the dedupe window's anti-join"
            + " drops what it had written (so --dedupe-window must be above 0).")
public final class StreamCommand extends SparkCommand {
  /** Spark registers its shutdown hook (which stops the SparkContext) at this Hadoop priority. */
  static final int SPARK_SHUTDOWN_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 30;

  /** How long a signal waits for the micro-batch under way before the JVM exits anyway. */
  static final Duration STOP_TIMEOUT = Duration.ofMinutes(15);

  @Mixin SparkOptions sparkOptions;

  @Mixin CuratedOptions curatedOptions;

  @Option(
      names = "--source",
      paramLabel = "raw|kafka",
      defaultValue = StreamConfig.DEFAULT_SOURCE_TEXT,
      description =
          "Where records come from: the raw zone (--raw; only the lookback's hour folders are"
              + " listed, progress in --state as for etl --incremental) or a Kafka topic"
              + " (--bootstrap-servers, --topic; Spark's checkpoint in <state>/stream)"
              + " (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT,...",
      description = "The Kafka brokers (--source kafka).")
  String bootstrapServers;

  @Option(names = "--topic", paramLabel = "NAME", description = "The Kafka topic (--source kafka).")
  String topic;

  @Option(
      names = "--fail-on-data-loss",
      paramLabel = "true|false",
      arity = "1",
      defaultValue = StreamConfig.DEFAULT_FAIL_ON_DATA_LOSS_TEXT,
      description =
          "With --source kafka: fail when records not yet read are gone (deleted by retention,"
              + " topic recreated) instead of skipping them (default: ${DEFAULT-VALUE}).")
  boolean failOnDataLoss;

  @Option(
      names = "--trigger",
      paramLabel = "DURATION",
      defaultValue = StreamConfig.DEFAULT_TRIGGER_TEXT,
      converter = DurationConverter.class,
      description = "Start a micro-batch this often (default: ${DEFAULT-VALUE}).")
  Duration trigger;

  @Option(
      names = "--max-batches",
      paramLabel = "N",
      defaultValue = StreamConfig.DEFAULT_MAX_BATCHES_TEXT,
      description = "Stop after N micro-batches; 0: run until stopped (default: ${DEFAULT-VALUE}).")
  int maxBatches;

  @Option(
      names = "--once",
      description =
          "Process what is there now, then stop (raw: one trigger; kafka: Spark's AvailableNow).")
  boolean once;

  @Override
  String master() {
    return sparkOptions.master();
  }

  @Override
  int execute() {
    StreamConfig config = config(home());
    SparkSession spark = spark();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean stoppedCleanly = new AtomicBoolean();
    // 0, or 3 when a micro-batch failed a data-quality check: the status of a clean stop.
    AtomicInteger cleanExit = new AtomicInteger(Main.EXIT_OK);
    CountDownLatch finished = new CountDownLatch(1);
    Runnable onSignal =
        () -> {
          stop.set(true);
          try {
            finished.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    // Last of all hooks, after Spark's and the file systems': a stream that stopped when asked
    // exits 0 (3 after a failed check), not the 143 of a JVM ended by SIGTERM.
    Runnable exitZero =
        () -> {
          if (stoppedCleanly.get()) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(cleanExit.get());
          }
        };
    ShutdownHookManager hooks = ShutdownHookManager.get();
    hooks.addShutdownHook(
        onSignal, SPARK_SHUTDOWN_PRIORITY + 10, STOP_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    hooks.addShutdownHook(exitZero, 0);
    try {
      StreamJob.Summary summary =
          StreamJob.run(
              spark,
              config,
              stop::get,
              line -> {
                out().println(line);
                out().flush();
              });
      out().println(summary.line());
      out().flush();
      cleanExit.set(summary.checksFailed() > 0 ? Main.EXIT_QUALITY : Main.EXIT_OK);
      stoppedCleanly.set(true);
      return cleanExit.get();
    } finally {
      finished.countDown();
      if (!hooks.isShutdownInProgress()) {
        hooks.removeShutdownHook(onSignal);
        hooks.removeShutdownHook(exitZero);
      }
    }
  }

  /** The stream's config from the options; a bad value is a usage error naming its option. */
  StreamConfig config(LoglakeHome home) {
    StreamConfig.Source from;
    try {
      from = StreamConfig.Source.parse(source);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid --source: " + e.getMessage());
    }
    if (from == StreamConfig.Source.RAW && (bootstrapServers != null || topic != null)) {
      throw usage("Use --bootstrap-servers and --topic with --source kafka only");
    }
    if (from == StreamConfig.Source.KAFKA && (bootstrapServers == null || topic == null)) {
      throw usage("Use --source kafka with --bootstrap-servers and --topic");
    }
    if (from == StreamConfig.Source.KAFKA && curatedOptions.raw != null) {
      throw usage("Use --raw with --source raw only");
    }
    EtlConfigBuilder etl = EtlConfig.builder();
    curatedOptions.apply(etl, home, true, this::usage);
    try {
      return new StreamConfig(
          etl.incremental(from == StreamConfig.Source.RAW).build(),
          from,
          bootstrapServers,
          topic,
          failOnDataLoss,
          trigger,
          maxBatches,
          once);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid arguments: " + e.getMessage());
    }
  }
}
