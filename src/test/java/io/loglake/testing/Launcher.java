package io.loglake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/loglake} as users do — a whole process — with {@code LOGLAKE_HOME} under
 * {@code dir} and no build (the jar comes from Maven's package phase, before the integration
 * tests); or, for tests that kill it ({@link #startJvm}), {@code loglake}'s main class in a child
 * JVM started directly on the test classpath, whose log shows chosen loggers at INFO.
 */
public final class Launcher {
  /** What the process left: its exit code and its standard output and error. */
  public record Result(int exitCode, String out, String err) {}

  private Launcher() {}

  /**
   * Starts {@code loglake args} in a child JVM (the test classpath, Spark's Java 17 flags, 1 GiB
   * heap) in {@code dir}, its standard output and error both into {@code log}, with {@code env}
   * added to its environment (AWS_EC2_METADATA_DISABLED is set) and log4j at the test JVM's levels
   * (loglake at INFO, the rest at WARN) plus {@code infoLoggers} at INFO: the lines that tell a
   * test where the child is. The JVM itself, not a script: {@link Process#destroyForcibly()} is a
   * SIGKILL of the process that runs the job.
   */
  public static Process startJvm(
      Path dir, Path log, Map<String, String> env, List<String> infoLoggers, List<String> args)
      throws IOException {
    Path logConfig =
        dir.resolve("log4j2-child-" + Integer.toHexString(infoLoggers.hashCode()) + ".properties");
    if (!Files.exists(logConfig)) {
      writeLogConfig(logConfig, infoLoggers);
    }
    List<String> command = jvmCommand(logConfig);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * The command line that runs loglake's main class in a child JVM: this JVM's java, Spark's Java
   * 17 flags, a 1 GiB heap, the test classpath, log4j configured by {@code logConfig}; the
   * subcommand and its arguments are to be added. The JIT stops at C1 and the GC is the serial one:
   * a child runs a short job on a small input, where C2's compilations only take cores from it (an
   * etl run of 3,000 records to Iceberg: 22 s with the defaults, 14 s so, measured here).
   */
  public static List<String> jvmCommand(Path logConfig) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + Path.of("conf/spark-java17.args").toAbsolutePath());
    command.add("-Xmx1g");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Dlog4j2.configurationFile=" + logConfig);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.loglake.cli.Main");
    return command;
  }

  /**
   * Polls {@code log} until it holds {@code line} (true) or {@code child} exited first (false);
   * fails after {@code timeout} minutes.
   */
  public static boolean awaitLogLine(Process child, Path log, String line, int timeoutMinutes)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(timeoutMinutes);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
        return true;
      }
      if (child.waitFor(20, TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
    throw new AssertionError(
        "no '" + line + "' in " + log + " within " + timeoutMinutes + " minutes");
  }

  public static Result run(Path dir, String... args) throws IOException, InterruptedException {
    return run(dir, Map.of(), args);
  }

  /** As {@link #run(Path, String...)}, with {@code env} added to the process's environment. */
  public static Result run(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(Path.of("scripts/loglake").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("LOGLAKE_HOME", dir.resolve("home").toString());
    builder.environment().put("LOGLAKE_NO_BUILD", "1");
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
    } finally {
      // A child that timed out (or a wait that was interrupted) must not outlive the test.
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Writes a child JVM's log4j2 configuration to {@code file}: the test JVM's logging (loglake at
   * INFO, the rest at WARN, on standard error) plus {@code infoLoggers} at INFO.
   */
  public static Path writeLogConfig(Path file, List<String> infoLoggers) throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.stdout.ref = console",
                "logger.loglake.name = io.loglake",
                "logger.loglake.level = info"));
    for (int i = 0; i < infoLoggers.size(); i++) {
      lines.add("logger.info" + i + ".name = " + infoLoggers.get(i));
      lines.add("logger.info" + i + ".level = info");
    }
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }
}
