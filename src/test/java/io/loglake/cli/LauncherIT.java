package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs scripts/loglake as users do: a whole process, exit codes and output as they see them. */
class LauncherIT {
  @TempDir Path home;

  private record Result(int exitCode, String out, String err) {}

  private Result launch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of("scripts/loglake").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path out = home.resolve("stdout.txt");
    Path err = home.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("LOGLAKE_HOME", home.resolve("home").toString());
    builder.environment().put("LOGLAKE_NO_BUILD", "1");
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void demoRunsTheWholePipelineAndPrintsThePerServiceTable() throws Exception {
    Result result = launch("demo", "--records", "20000");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("service").contains("payment-api").contains("auth-api").contains("order-api");
    assertThat(result.err()).contains("[1/3]").contains("[2/3]").contains("[3/3]");
    assertThat(home.resolve("home/curated")).isDirectory();
  }

  @Test
  void usageErrorsExit2WithTheUsageAndFailuresExit1WithWhatToDo() throws Exception {
    Result usage = launch("etl", "--raw", "a", "--table", "b.c");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("loglake: Use either --raw or --table").contains("Usage: loglake etl");

    Result failure = launch("etl", "--raw", home.resolve("missing").toString());
    assertThat(failure.exitCode()).isEqualTo(1);
    assertThat(failure.err()).contains("Cannot read raw logs").contains("what to do:");
  }
}
