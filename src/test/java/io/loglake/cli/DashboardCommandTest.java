package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code loglake dashboard} and {@code loglake report} on the command line. */
@ExtendWith(SparkTestSession.class)
class DashboardCommandTest {
  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @TempDir Path dir;

  @Test
  void portInUseFailsWithAHint() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int code =
          Main.execute(
              "dashboard",
              "--curated",
              dir.resolve("curated").toString(),
              "--port",
              Integer.toString(taken.getLocalPort()));
      assertThat(code).isEqualTo(Main.EXIT_FAILURE);
      assertThat(output.stderr())
          .contains("Cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort())
          .contains("--port");
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(Main.execute("dashboard", "--format", "csv")).isEqualTo(Main.EXIT_USAGE);
    assertThat(output.stderr()).contains("Invalid --format");
    assertThat(Main.execute("dashboard", "--port", "70000")).isEqualTo(Main.EXIT_USAGE);
    assertThat(Main.execute("dashboard", "--demo", "--curated", "x")).isEqualTo(Main.EXIT_USAGE);
    assertThat(Main.execute("report")).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void reportOfAnEmptyLocationIsWrittenAndAnUnwritableOneFails() throws Exception {
    Path out = dir.resolve("report.html");
    int code =
        Main.execute(
            "report", "--curated", dir.resolve("none").toString(), "--out", out.toString());
    assertThat(code).isEqualTo(Main.EXIT_OK);
    String html = Files.readString(out);
    assertThat(html).contains("no curated table at").contains("No run report found");
    assertThat(html).doesNotContain("<script");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.html");
    }

    code =
        Main.execute(
            "report",
            "--curated",
            dir.resolve("none").toString(),
            "--out",
            dir.resolve("missing-folder/report.html").toString());
    assertThat(code).isEqualTo(Main.EXIT_FAILURE);
    assertThat(output.stderr()).contains("Cannot write the report to");
  }
}
