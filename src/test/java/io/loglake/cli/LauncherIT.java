package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.Launcher;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/loglake as users run it: exit codes and messages as they see them. (The demo through the
 * launcher is checked by {@code DemoQueryIT}.)
 */
class LauncherIT {
  @TempDir Path dir;

  @Test
  void usageErrorsExit2WithTheUsageAndFailuresExit1WithWhatToDo() throws Exception {
    Launcher.Result usage = Launcher.run(dir, "etl", "--raw", "a", "--table", "b.c");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("loglake: Use either --raw or --table").contains("Usage: loglake etl");

    Launcher.Result failure = Launcher.run(dir, "etl", "--raw", dir.resolve("missing").toString());
    assertThat(failure.exitCode()).isEqualTo(1);
    assertThat(failure.err()).contains("Cannot read raw logs").contains("what to do:");

    Launcher.Result success = Launcher.run(dir, "produce", "--sink", "stdout", "--records", "3");
    assertThat(success.exitCode()).as(success.err()).isZero();
    assertThat(success.out().lines()).hasSize(3);
  }
}
