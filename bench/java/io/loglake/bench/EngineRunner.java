package io.loglake.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one engine once, each in its own fresh process on the same raw data: A and A-iceberg through
 * the launcher as users run it, B and C as plain JVMs on the default heap. Each run starts from an
 * empty output folder. (A-incremental runs on a history of its own: {@link IncrementalVariant}.)
 */
final class EngineRunner {
  /** One run: whole-process wall time, the engine's own in-job time, peak RSS, and its output. */
  record Measurement(long wallMillis, long inJobMillis, long peakRssBytes, Path curated) {}

  private final Path root;
  private final Map<String, String> launcherEnvironment;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final List<String> sparkFlags;
  private final String sparkClasspath;
  private final String duckdbClasspath;

  /**
   * @param root the project folder, built ({@code target/classpath.txt}, {@code
   *     target/test-classes})
   * @param launcherEnvironment what A's launcher gets (LOGLAKE_HOME, LOGLAKE_NO_BUILD)
   */
  EngineRunner(Path root, Map<String, String> launcherEnvironment) {
    this.root = root;
    this.launcherEnvironment = launcherEnvironment;
    this.sparkFlags = sparkJvmFlags(root.resolve("conf/spark-java17.args"));
    String testClasses = root.resolve("target/test-classes").toString();
    // B runs on the launcher's classpath (Spark and loglake's dependencies), C on DuckDB alone.
    this.sparkClasspath =
        testClasses + File.pathSeparator + read(root.resolve("target/classpath.txt"));
    this.duckdbClasspath = testClasses + File.pathSeparator + duckdbJar();
  }

  Measurement run(Engine engine, Path raw, Path folder, Path log) {
    BenchFiles.deleteRecursively(folder);
    Path curated = folder.resolve("curated");
    Path report = folder.resolve("report.json");
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + folder, e);
    }
    List<String> command = new ArrayList<>();
    switch (engine) {
      case A, A_ICEBERG -> {
        command.addAll(
            List.of(
                root.resolve("scripts/loglake").toString(),
                "etl",
                "--raw",
                raw.toString(),
                "--curated",
                curated.toString(),
                "--report",
                report.toString()));
        if (engine == Engine.A_ICEBERG) {
          // An Iceberg table's metadata location lives in the metastore: the folder is new every
          // run, so the table is too (in the same, warm metastore as A's). The name tells runs
          // apart.
          String table =
              String.format(
                  Locale.ROOT, "logs_analytics.bench_iceberg_%d", System.currentTimeMillis());
          command.addAll(List.of("--format", "iceberg", "--curated-table", table));
        }
      }
      case A_INCREMENTAL ->
          throw new IllegalArgumentException(
              "Cannot run A-incremental here: IncrementalVariant runs it on its own history");
      case B -> {
        command.add(java);
        command.addAll(sparkFlags);
        command.addAll(
            List.of(
                "-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"),
                "-cp",
                sparkClasspath,
                SeedJob.class.getName(),
                raw.toString(),
                curated.toString()));
      }
      case C, C_HOUR ->
          command.addAll(
              List.of(
                  java,
                  "-cp",
                  duckdbClasspath,
                  DuckDbJob.class.getName(),
                  raw.toString(),
                  curated.toString()));
    }
    MeasuredProcess.Result result =
        MeasuredProcess.run(
            command,
            engine == Engine.A || engine == Engine.A_ICEBERG ? launcherEnvironment : Map.of(),
            log);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "Cannot benchmark "
              + engine
              + " ("
              + engine.title
              + "): it exited with "
              + result.exitCode()
              + "; its output is in "
              + log);
    }
    long inJob =
        engine == Engine.A || engine == Engine.A_ICEBERG
            ? reportedDuration(report)
            : InJobTime.parse(result.output())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "Cannot read " + engine + "'s in-job time: no such line in " + log));
    return new Measurement(result.wallMillis(), inJob, result.peakRssBytes(), curated);
  }

  static long reportedDuration(Path report) {
    try {
      return new ObjectMapper().readTree(report.toFile()).path("duration_ms").asLong(-1);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read loglake's run report " + report, e);
    }
  }

  /** The JVM flags Spark needs on Java 17, as the tests and scripts/loglake get them. */
  private static List<String> sparkJvmFlags(Path argsFile) {
    return List.of("@" + argsFile.toAbsolutePath());
  }

  private static String duckdbJar() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> entry.contains("duckdb_jdbc"))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cannot find DuckDB's JDBC jar on the classpath: run the benchmark with scripts/bench.sh"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read " + file + ": build first (mvn -DskipTests package)", e);
    }
  }
}
