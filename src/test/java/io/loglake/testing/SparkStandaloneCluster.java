package io.loglake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1: one Master and {@code workers} Workers, each a JVM of
 * its own started from the project's Spark dependencies ({@code target/classpath.txt}, written by
 * the package phase: compile and provided scope, so Spark, Hive, Iceberg and Hadoop), with Spark's
 * Java 17 flags ({@code conf/spark-java17.args}) and small heaps.
 *
 * <p>A Worker starts each executor with Spark's launcher code ({@code WorkerCommandBuilder}), whose
 * classpath is {@code $SPARK_HOME/jars/*} and which takes the Scala version from {@code
 * SPARK_SCALA_VERSION} (else it looks for a Spark source build): the cluster makes a {@code
 * SPARK_HOME} under its folder whose {@code jars/} holds a symbolic link to every jar of that
 * classpath, and whose {@code conf/log4j2.properties} (the launcher puts {@code conf/} on the
 * classpath) keeps the executors' logs at WARN. loglake's own classes are not on it: an application
 * brings them in the jar it submits, as on a real cluster.
 *
 * <p>Every port is chosen by the process that binds it (port 0) and read from its log. {@link
 * #close()} stops the Workers (and through them, or directly, their executors) and the Master, and
 * waits for each to exit.
 */
public final class SparkStandaloneCluster implements AutoCloseable {
  private static final Pattern MASTER_URL =
      Pattern.compile("Starting Spark master at (spark://\\S+)");
  private static final String WORKER_REGISTERED = "Successfully registered with master";
  private static final int START_TIMEOUT_MINUTES = 2;

  private final Path dir;
  private final Path sparkHome;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> workDirs = new ArrayList<>();
  private String masterUrl;

  private SparkStandaloneCluster(Path dir) {
    this.dir = dir;
    this.sparkHome = dir.resolve("spark-home");
  }

  /**
   * Starts the Master, then {@code workers} Workers of {@code coresPerWorker} cores and {@code
   * workerMemory} (e.g. {@code 1g}) each, and returns once every Worker has registered with the
   * Master. On failure every process started so far is stopped.
   */
  public static SparkStandaloneCluster start(
      Path dir, int workers, int coresPerWorker, String workerMemory)
      throws IOException, InterruptedException {
    SparkStandaloneCluster cluster = new SparkStandaloneCluster(dir);
    try {
      cluster.makeSparkHome();
      Path masterLog = dir.resolve("master.log");
      Process master =
          cluster.startDaemon(
              "org.apache.spark.deploy.master.Master",
              masterLog,
              List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
      cluster.masterUrl = awaitMatch(master, masterLog, MASTER_URL);
      List<Process> started = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      for (int i = 1; i <= workers; i++) {
        Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
        Path log = dir.resolve("worker-" + i + ".log");
        started.add(
            cluster.startDaemon(
                "org.apache.spark.deploy.worker.Worker",
                log,
                List.of(
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--webui-port",
                    "0",
                    "--cores",
                    Integer.toString(coresPerWorker),
                    "--memory",
                    workerMemory,
                    "--work-dir",
                    workDir.toString(),
                    cluster.masterUrl)));
        cluster.workDirs.add(workDir);
        logs.add(log);
      }
      for (int i = 0; i < workers; i++) {
        awaitLine(started.get(i), logs.get(i), WORKER_REGISTERED);
      }
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** The URL to give {@code --master}, {@code spark://127.0.0.1:PORT}. */
  public String masterUrl() {
    return masterUrl;
  }

  /** The executor ids that Worker {@code worker} (0-based) ran for application {@code appId}. */
  public Set<String> executorsOn(int worker, String appId) {
    Set<String> ids = new HashSet<>();
    Path app = workDirs.get(worker).resolve(appId);
    if (Files.isDirectory(app)) {
      try (var entries = Files.list(app)) {
        entries.filter(Files::isDirectory).forEach(p -> ids.add(p.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }

  /**
   * Copies the Master's and Workers' logs, and the stderr of every executor that ran for {@code
   * appId} (none when it is empty), into {@code target}: a test keeps them with its own folder when
   * it fails.
   */
  public void copyLogsTo(Path target, String appId) throws IOException {
    Files.createDirectories(target);
    try (var logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
        Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (int i = 0; i < workDirs.size() && !appId.isEmpty(); i++) {
      for (String executor : executorsOn(i, appId)) {
        Path stderr = workDirs.get(i).resolve(appId).resolve(executor).resolve("stderr");
        if (Files.exists(stderr)) {
          Files.copy(
              stderr,
              target.resolve("worker-" + (i + 1) + "-executor-" + executor + ".log"),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * The command that runs {@code mainClass} in a child JVM like the cluster's own: this JVM's java,
   * Spark's Java 17 flags, {@code heap}, the project's Spark classpath, log4j at WARN but for
   * {@code org.apache.spark.deploy} (whose INFO lines say which ports were bound).
   */
  public List<String> jvmCommand(String heap, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + javaOptionsFile());
    command.add("-Xmx" + heap);
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Dlog4j2.configurationFile=" + sparkHome.resolve("conf/log4j2.properties"));
    command.add("-cp");
    command.add(projectSparkClasspath());
    command.add(mainClass);
    return command;
  }

  /** Spark's Java 17 flags as one string, for {@code spark.executor.extraJavaOptions}. */
  public static String javaOptions() {
    try {
      return String.join(
          " ",
          Files.readAllLines(javaOptionsFile(), StandardCharsets.UTF_8).stream()
              .map(String::strip)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The environment every process of the cluster and its applications gets. */
  public Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME", sparkHome.toString(),
        "SPARK_SCALA_VERSION", "2.12",
        "SPARK_LOCAL_IP", "127.0.0.1",
        "SPARK_CONF_DIR", sparkHome.resolve("conf").toString(),
        "AWS_EC2_METADATA_DISABLED", "true");
  }

  /** Stops the Workers' executors, the Workers, then the Master; waits for each. */
  @Override
  public void close() {
    List<Process> reversed = new ArrayList<>(processes);
    Collections.reverse(reversed);
    for (Process process : reversed) {
      // An executor is a child of its Worker: stopped first, so none outlives a killed Worker.
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (Process process : reversed) {
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  private Process startDaemon(String mainClass, Path log, List<String> args) throws IOException {
    List<String> command = jvmCommand("512m", mainClass);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment());
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private void makeSparkHome() throws IOException {
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    Set<String> names = new HashSet<>();
    for (String entry : projectSparkClasspath().split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
        continue;
      }
      String name = jar.getFileName().toString();
      // Two artifacts may share a file name (same artifactId, other group): keep both.
      while (!names.add(name)) {
        name = "dup-" + name;
      }
      Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
    }
    Path conf = Files.createDirectories(sparkHome.resolve("conf"));
    Launcher.writeLogConfig(conf.resolve("log4j2.properties"), List.of("org.apache.spark.deploy"));
  }

  /** {@code target/classpath.txt}: the project's dependencies, provided Spark included. */
  public static String projectSparkClasspath() {
    Path file = Path.of("target/classpath.txt");
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(file.toAbsolutePath() + " is missing: run 'mvn package' first");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path javaOptionsFile() {
    return Path.of("conf/spark-java17.args").toAbsolutePath();
  }

  private static String awaitMatch(Process process, Path log, Pattern pattern)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(START_TIMEOUT_MINUTES);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher matcher = pattern.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
      if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "exited (" + process.exitValue() + ") before logging " + pattern + ": see " + log);
      }
    }
    throw new AssertionError("no " + pattern + " in " + log + " within the start timeout");
  }

  private static void awaitLine(Process process, Path log, String line)
      throws IOException, InterruptedException {
    awaitMatch(process, log, Pattern.compile("(" + Pattern.quote(line) + ")"));
  }
}
