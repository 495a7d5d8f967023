package io.loglake.cli;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.Launcher;
import java.nio.file.Path;
import java.util.Map;
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
    assertThat(usage.err())
        .contains("loglake: Use either --raw or --table")
        .contains("Usage: loglake etl");

    Launcher.Result failure = Launcher.run(dir, "etl", "--raw", dir.resolve("missing").toString());
    assertThat(failure.exitCode()).isEqualTo(1);
    assertThat(failure.err()).contains("Cannot read raw logs").contains("what to do:");

    Launcher.Result success = Launcher.run(dir, "produce", "--sink", "stdout", "--records", "3");
    assertThat(success.exitCode()).as(success.err()).isZero();
    assertThat(success.out().lines()).hasSize(3);
  }

  @Test
  void aFailingQuerySaysWhyInOneLineAndShowsStackTracesOnlyWithLoglakeDebug() throws Exception {
    String failing = "SELECT assert_true(id < 0) FROM range(3)";
    Launcher.Result plain = Launcher.run(dir, "query", "--sql", failing);
    assertThat(plain.exitCode()).isEqualTo(1);
    assertThat(plain.err())
        .contains("loglake: Cannot run the query:")
        .contains("is not true!")
        .doesNotContain("\tat ");

    Launcher.Result debug =
        Launcher.run(dir, Map.of("LOGLAKE_DEBUG", "1"), "query", "--sql", failing);
    assertThat(debug.exitCode()).isEqualTo(1);
    assertThat(debug.err()).contains("\tat ");
  }

  @Test
  void crawlPrintsItsSummaryOnce() throws Exception {
    gzipFile(dir.resolve("raw/2025/11/09/10/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    Launcher.Result crawl = Launcher.run(dir, "crawl", "--raw", dir.resolve("raw").toString());
    assertThat(crawl.exitCode()).as(crawl.err()).isZero();
    assertThat(crawl.err().lines().filter(l -> l.contains("crawl of ")))
        .hasSize(1)
        .allSatisfy(l -> assertThat(l).contains("1 hour folder,", "in 1 call,"));
  }
}
