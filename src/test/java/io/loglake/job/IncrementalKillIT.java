package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.RawLogs;
import io.loglake.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through {@code kill -9}, parquet format: raw data arrives in a few steps (late
 * events, duplicates within a step, an object delivered again in a later step); after each step
 * {@code etl --incremental} runs in a child JVM that is killed with SIGKILL ({@link
 * Process#destroyForcibly()}) once its log shows the read, the write or the commit started (in
 * turn), after a delay within that phase drawn from a seeded {@link Random}, and started again
 * until one run exits 0; steps are added until at least 10 kills. The curated rows that a reader
 * counts (every Parquet file whose path has no component starting with {@code _} or {@code .}, the
 * rule of Hive, Athena and Spark) are then compared row by row, read with DuckDB, with the rows
 * computed from the .gz files with plain Java + Jackson ({@link RawLogs}): no row lost, none twice.
 */
class IncrementalKillIT {
  private static final long SEED = 20251109L;
  private static final int MIN_STEPS = 3;
  private static final int MAX_STEPS = 6;
  private static final int MIN_KILLS = 10;
  private static final int KILLS_PER_STEP = 4;
  private static final int RECORDS_PER_STEP = 3000;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private Path raw() {
    return dir.resolve("raw");
  }

  private Path curated() {
    return dir.resolve("curated");
  }

  /**
   * Where a kill lands: after the child's log shows the phase started (a line the job or Spark
   * prints), plus a random delay up to the phase's usual length.
   */
  private enum Phase {
    READ("EtlJob: run ", 7_000),
    WRITE("at CuratedWriter.java", 1_300),
    COMMIT("Saved output of task", 120);

    final String logLine;
    final int maxDelayMillis;

    Phase(String logLine, int maxDelayMillis) {
      this.logLine = logLine;
      this.maxDelayMillis = maxDelayMillis;
    }
  }

  @Test
  void killedRunsStartedAgainLeaveEveryRowExactlyOnce() throws Exception {
    Random random = new Random(SEED);
    int kills = 0;
    List<String> killLog = new ArrayList<>();
    for (int step = 0; step < MIN_STEPS || (kills < MIN_KILLS && step < MAX_STEPS); step++) {
      arrive(step);
      int killsThisStep = 0;
      int attempt = 0;
      while (true) {
        attempt++;
        Phase phase =
            killsThisStep < KILLS_PER_STEP ? Phase.values()[kills % Phase.values().length] : null;
        Path log = dir.resolve("child-" + step + "-" + attempt + ".log");
        Process child = startEtl(log);
        try {
          if (phase != null) {
            long delay = random.nextInt(phase.maxDelayMillis);
            if (awaitLogLine(child, log, phase.logLine)
                && !child.waitFor(delay, TimeUnit.MILLISECONDS)) {
              child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
              kills++;
              killsThisStep++;
              killLog.add(
                  String.format(
                      "step %d: SIGKILL %d ms into %s; curated then holds %d visible files, hidden:"
                          + " %s",
                      step, delay, phase, visibleParquetFiles().size(), hiddenLeftovers()));
              continue;
            }
          }
          assertThat(child.waitFor(3, TimeUnit.MINUTES)).as("run finished; log %s", log).isTrue();
          assertThat(child.exitValue())
              .as("exit status; log:%n%s", Files.readString(log, StandardCharsets.UTF_8))
              .isZero();
          killLog.add(
              String.format(
                  "step %d: run %d exited 0%s",
                  step, attempt, phase == null ? "" : " before the kill meant for " + phase));
          break;
        } finally {
          if (child.isAlive()) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          }
        }
      }
      assertRowsExactlyOnce("after step " + step);
    }
    System.out.println(String.join("\n", killLog));
    System.out.println("left behind (not counted by readers): " + hiddenLeftovers());
    assertThat(kills).as("kills").isGreaterThanOrEqualTo(MIN_KILLS);
  }

  /** Polls the child's log until it holds {@code line}; false if the child exited first. */
  private static boolean awaitLogLine(Process child, Path log, String line)
      throws IOException, InterruptedException {
    while (true) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
        return true;
      }
      if (child.waitFor(20, TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
  }

  /** One step's raw data: a producer run for one arrival hour, and one object delivered again. */
  private void arrive(int step) throws IOException {
    String hour = String.format("%02d", 10 + step);
    int exit =
        Main.execute(
            "produce",
            "--sink",
            "local",
            "--out",
            raw().toString(),
            "--records",
            String.valueOf(RECORDS_PER_STEP),
            "--seed",
            String.valueOf(SEED + step),
            "--start",
            "2025-11-09T" + hour + ":00:00Z",
            "--span",
            "1h",
            "--late-fraction",
            "0.05",
            "--duplicate-fraction",
            "0.02");
    assertThat(exit).as("produce").isZero();
    if (step > 0) {
      // A retried delivery: an object of the previous step again, under a new name in this hour.
      Path previous = raw().resolve("2025/11/09/" + String.format("%02d", 9 + step));
      Path resent;
      try (Stream<Path> files = Files.list(previous)) {
        resent = files.filter(p -> p.toString().endsWith(".gz")).sorted().findFirst().orElseThrow();
      }
      Files.copy(resent, raw().resolve("2025/11/09/" + hour + "/resent-" + resent.getFileName()));
    }
  }

  private Process startEtl(Path log) throws IOException {
    String classpath = System.getProperty("java.class.path");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + Path.of("conf/spark-java17.args").toAbsolutePath());
    command.add("-Xmx1g");
    command.add("-Dlog4j2.configurationFile=" + childLogConfig());
    command.add("-cp");
    command.add(classpath);
    command.add(Main.class.getName());
    command.addAll(
        List.of(
            "etl",
            "--incremental",
            "--raw",
            raw().toString(),
            "--curated",
            curated().toString(),
            "--no-register",
            "--master",
            "local[2]"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    return builder.start();
  }

  /**
   * The test JVM's logging (loglake at INFO, the rest at WARN) plus the two Spark and Hadoop lines
   * that mark the write and the commit.
   */
  private Path childLogConfig() throws IOException {
    Path config = dir.resolve("log4j2-child.properties");
    if (!Files.exists(config)) {
      Files.writeString(
          config,
          String.join(
              "\n",
              "appender.console.type = Console",
              "appender.console.name = console",
              "appender.console.target = SYSTEM_ERR",
              "appender.console.layout.type = PatternLayout",
              "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n",
              "rootLogger.level = warn",
              "rootLogger.appenderRef.stdout.ref = console",
              "logger.loglake.name = io.loglake",
              "logger.loglake.level = info",
              "logger.dag.name = org.apache.spark.scheduler.DAGScheduler",
              "logger.dag.level = info",
              "logger.committer.name = org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter",
              "logger.committer.level = info",
              ""),
          StandardCharsets.UTF_8);
    }
    return config;
  }

  private void assertRowsExactlyOnce(String when) throws SQLException {
    List<String> expected = expectedRows();
    List<String> actual = curatedRows();
    assertThat(actual).as("curated rows %s (none lost, none twice)", when).isEqualTo(expected);
  }

  /** WARN and ERROR records of every .gz file, once per event_id, as dt|hr|fields, sorted. */
  private List<String> expectedRows() {
    Map<String, RawLogs.Raw> byEventId = new HashMap<>();
    for (RawLogs.Raw record : RawLogs.read(raw())) {
      if (!record.warnOrError()) {
        continue;
      }
      RawLogs.Raw earlier = byEventId.putIfAbsent(record.eventId(), record);
      assertThat(earlier == null || earlier.fields().equals(record.fields()))
          .as("copies of %s are the same record", record.eventId())
          .isTrue();
    }
    return byEventId.values().stream()
        .map(r -> r.date() + "|" + r.hour() + "|" + r.fields())
        .sorted()
        .toList();
  }

  /**
   * What a reader counts: every visible Parquet file, read with DuckDB, as dt|hr|fields, sorted.
   */
  private List<String> curatedRows() throws SQLException {
    List<Path> files = visibleParquetFiles();
    if (files.isEmpty()) {
      return List.of();
    }
    String list =
        files.stream()
            .map(p -> "'" + p.toString().replace("'", "''") + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    List<String> rows = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT concat_ws('|', cast(dt AS VARCHAR), cast(hr AS VARCHAR), timestamp,"
                    + " level, service, message, user_id, ip, event_id) FROM read_parquet("
                    + list
                    + ", hive_partitioning = true)")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    rows.sort(null);
    return rows;
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String name = part.toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private List<Path> curatedFiles() {
    if (!Files.isDirectory(curated())) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(curated())) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<Path> visibleParquetFiles() {
    return curatedFiles().stream()
        .filter(p -> !hidden(curated(), p) && p.toString().endsWith(".parquet"))
        .toList();
  }

  /** Files a reader skips by name, other than Hadoop's .crc checksums of the visible files. */
  private List<String> hiddenLeftovers() {
    return curatedFiles().stream()
        .filter(p -> hidden(curated(), p) && !p.toString().endsWith(".crc"))
        .map(p -> curated().relativize(p).toString().replace(File.separatorChar, '/'))
        .toList();
  }
}
