package io.loglake.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.catalog.RawLogs;
import io.loglake.producer.LogProducer;
import io.loglake.testing.CuratedRows;
import io.loglake.testing.IcebergRows;
import io.loglake.testing.SparkStandaloneCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code loglake etl} submitted with {@code spark-submit} (client mode) to a real multi-process
 * Spark standalone cluster on 127.0.0.1 — a Master and two Workers of one core each, every one a
 * JVM of its own — so that its tasks run in executor JVMs that got loglake's classes only from the
 * submitted jar, and every closure, row and commit message crosses a process boundary.
 *
 * <p>Checked: the curated table holds exactly the rows computed from the raw files without
 * loglake's code ({@link RawLogs#expectedCuratedRows}); each Worker launched an executor for the
 * application (its work folder) and tasks finished on both of them and none in the driver (the
 * application's event log).
 */
class StandaloneClusterIT {
  /**
   * The jar given to spark-submit: one constant, to become the Glue jar ({@code
   * target/loglake-glue.jar}) once that is built. The cluster's classpath (the project's
   * dependencies, provided Iceberg and Hive included) supplies what the jar leaves out.
   */
  static final Path SUBMITTED_JAR = Path.of("target/loglake-glue.jar");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CURATED_TABLE = "logs_analytics.app_logs_curated";
  private static final int SUBMIT_TIMEOUT_MINUTES = 4;

  @TempDir static Path dir;

  private static Path raw;
  private static SparkStandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws IOException, InterruptedException {
    assertThat(SUBMITTED_JAR).as("the jar Maven's package phase builds").isRegularFile();
    raw = dir.resolve("raw");
    LogProducer.produceLocal(
        raw, 3_000, 7, Instant.parse("2025-11-09T20:00:00Z"), Duration.ofHours(3));
    // Firehose's retry of a batch: one object delivered again, an hour later, under another name.
    // Its records meet their first copies only in the shuffle of the dedupe, across executors.
    Path first;
    try (Stream<Path> files = Files.walk(raw)) {
      first = files.filter(p -> p.toString().endsWith(".gz")).sorted().findFirst().orElseThrow();
    }
    Path again = raw.resolve("2025/11/09/23/" + "retry-" + first.getFileName());
    Files.createDirectories(again.getParent());
    Files.copy(first, again);
    cluster = SparkStandaloneCluster.start(dir.resolve("cluster"), 2, 1, "1g");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "iceberg"})
  void etlOnTwoWorkersWritesTheRowsOfTheRawZone(
      String format, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path run) throws Exception {
    Path events = Files.createDirectories(run.resolve("events"));
    Path curated = run.resolve("curated");
    Path log = run.resolve("spark-submit.log");

    List<String> command = cluster.jvmCommand("1g", "org.apache.spark.deploy.SparkSubmit");
    command.addAll(
        List.of(
            "--master",
            cluster.masterUrl(),
            "--deploy-mode",
            "client",
            "--name",
            "loglake-cluster-it-" + format,
            "--class",
            "io.loglake.cli.Main"));
    for (Map.Entry<String, String> conf : sparkConf(format, run, events).entrySet()) {
      command.add("--conf");
      command.add(conf.getKey() + "=" + conf.getValue());
    }
    command.add(SUBMITTED_JAR.toAbsolutePath().toString());
    command.addAll(
        List.of(
            "etl",
            "--raw",
            raw.toString(),
            "--curated",
            curated.toString(),
            "--quarantine",
            run.resolve("quarantine").toString(),
            "--report",
            run.resolve("report.json").toString(),
            "--format",
            format));

    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(run.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(cluster.environment());
    Process submit = builder.start();
    try {
      assertThat(submit.waitFor(SUBMIT_TIMEOUT_MINUTES, TimeUnit.MINUTES))
          .as("spark-submit finished; see %s", log)
          .isTrue();
    } finally {
      if (submit.isAlive()) {
        submit.descendants().forEach(ProcessHandle::destroyForcibly);
        submit.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    // The cluster's and the executors' logs, kept with this run's folder if a check fails.
    try (Stream<Path> logs = Files.list(events)) {
      String appId =
          logs.map(p -> p.getFileName().toString().replace(".inprogress", ""))
              .findFirst()
              .orElse("");
      cluster.copyLogsTo(run.resolve("cluster-logs"), appId);
    }
    assertThat(submit.exitValue())
        .as("spark-submit's exit status; its log:\n%s", Files.readString(log))
        .isZero();

    Map<String, Long> expected = RawLogs.expectedCuratedRows(RawLogs.read(raw));
    assertThat(expected).as("rows expected from the raw zone").hasSizeGreaterThan(100);
    Map<String, Long> actual =
        format.equals("iceberg")
            ? IcebergRows.counts(
                CuratedRows.icebergInMetastore(
                    run.resolve("metastore_db"),
                    CURATED_TABLE.substring(0, CURATED_TABLE.indexOf('.')),
                    CURATED_TABLE.substring(CURATED_TABLE.indexOf('.') + 1)))
            : CuratedRows.visibleParquet(curated);
    assertThat(new TreeMap<>(actual)).isEqualTo(new TreeMap<>(expected));
    // Tasks in two JVMs committed through the driver: no task's attempt or staging folder left.
    assertThat(CuratedRows.hiddenLeftovers(curated))
        .as("hidden files left in the curated folder")
        .allMatch(path -> path.equals("_SUCCESS"));

    String appId = onlyEventLog(events).getFileName().toString();
    Set<String> onFirst = cluster.executorsOn(0, appId);
    Set<String> onSecond = cluster.executorsOn(1, appId);
    assertThat(onFirst).as("executors the first Worker ran for %s", appId).hasSize(1);
    assertThat(onSecond).as("executors the second Worker ran for %s", appId).hasSize(1);
    Map<String, Integer> tasks = finishedTasksByExecutor(onlyEventLog(events));
    assertThat(tasks.keySet())
        .as("executors that finished tasks (event log), by executor id")
        .containsAll(onFirst)
        .containsAll(onSecond)
        .doesNotContain("driver");
  }

  /** What spark-submit is given: the cluster's resources, the catalog, the event log. */
  private static Map<String, String> sparkConf(String format, Path run, Path events) {
    Map<String, String> conf = new TreeMap<>();
    // One executor of one core on each Worker; scheduling starts once both have registered, so
    // every stage with two tasks or more is offered to both.
    conf.put("spark.executor.cores", "1");
    conf.put("spark.cores.max", "2");
    conf.put("spark.executor.memory", "512m");
    conf.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
    conf.put("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
    conf.put(
        "spark.executor.extraJavaOptions",
        SparkStandaloneCluster.javaOptions() + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.sql.shuffle.partitions", "4");
    conf.put("spark.eventLog.enabled", "true");
    conf.put("spark.eventLog.dir", events.toUri().toString());
    // A Hive catalog, as on Glue (its Data Catalog) or EMR: here an embedded Derby metastore in
    // the driver, in this run's folder.
    conf.put("spark.sql.catalogImplementation", "hive");
    conf.put(
        "spark.hadoop.javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + run.resolve("metastore_db") + ";create=true");
    conf.put("spark.sql.warehouse.dir", run.resolve("warehouse").toUri().toString());
    if (format.equals("iceberg")) {
      conf.put(
          "spark.sql.extensions",
          "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
      conf.put("spark.sql.catalog.spark_catalog", "org.apache.iceberg.spark.SparkSessionCatalog");
      conf.put("spark.sql.catalog.spark_catalog.type", "hive");
      // Derby has no Hive lock tables: commits swap the metadata pointer without HMS locks.
      conf.put("spark.hadoop.iceberg.engine.hive.lock-enabled", "false");
    }
    return conf;
  }

  private static Path onlyEventLog(Path events) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(events)) {
      files = list.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
    assertThat(files).as("event logs in %s", events).hasSize(1);
    return files.get(0);
  }

  /** Finished tasks per executor id, from the event log's SparkListenerTaskEnd lines. */
  private static Map<String, Integer> finishedTasksByExecutor(Path eventLog) throws IOException {
    Map<String, Integer> tasks = new TreeMap<>();
    List<String> reasons = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(eventLog, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode event = JSON.readTree(line);
        if (event.path("Event").asText().equals("SparkListenerTaskEnd")) {
          tasks.merge(event.path("Task Info").path("Executor ID").asText(), 1, Integer::sum);
          reasons.add(event.path("Task End Reason").path("Reason").asText());
        }
      }
    }
    assertThat(reasons).as("how the tasks ended").isNotEmpty().containsOnly("Success");
    return tasks;
  }
}
