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
 * tests).
 */
public final class Launcher {
  /** What the process left: its exit code and its standard output and error. */
  public record Result(int exitCode, String out, String err) {}

  private Launcher() {}

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
}
