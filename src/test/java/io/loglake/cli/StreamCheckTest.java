package io.loglake.cli;

import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.job.RunHistory;
import io.loglake.job.RunReport;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loglake stream --check} in this JVM: a micro-batch above the quarantine rate is written,
 * its progress line and a FAIL line say so, its report in the stream's history holds the check, and
 * the stream, stopped cleanly, exits 3.
 */
@ExtendWith(SparkTestSession.class)
class StreamCheckTest {
  @RegisterExtension final CapturedOutput output = new CapturedOutput();
  @TempDir Path dir;

  @Test
  void aBatchThatFailsACheckIsWrittenReportedAndTheStreamExitsThree() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      lines.add(
          record(
              String.format("2025-11-09T10:%02d:00Z", i), "ERROR", "checkout", "m" + i, "u", null));
    }
    lines.add("[\"not an object\"]");
    gzipFile(
        dir.resolve("raw/2025/11/09/10/stream-1-2025-11-09-10-00-00-a.gz"),
        lines.toArray(String[]::new));
    Path state = dir.resolve("state");

    int exit =
        Main.execute(
            "stream",
            "--raw",
            dir.resolve("raw").toString(),
            "--curated",
            dir.resolve("curated").toString(),
            "--state",
            state.toString(),
            "--no-register",
            "--once",
            "--check");

    assertThat(exit).as(output.stderr()).isEqualTo(Main.EXIT_QUALITY);
    List<String> printed = output.stdout().lines().toList();
    assertThat(printed.get(0))
        .startsWith("batch 0: read 10 records, wrote 9, quarantined 1")
        .endsWith(", check FAILED (quarantine_rate)");
    assertThat(printed.get(1))
        .startsWith("FAIL quarantine_rate: 0.1000 = 1 quarantined of 10 records read by run");
    assertThat(printed.get(2))
        .startsWith("Stream stopped (once) after 1 micro-batches")
        .endsWith("; 1 failed a data-quality check");
    List<RunReport> kept =
        RunHistory.read(new Configuration(), List.of(RunHistory.streamFolder(state.toString())), 5);
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).quality().failedRules()).containsExactly("quarantine_rate");
    assertThat(kept.get(0).recordsWritten()).isEqualTo(9);
    // A stream's batches keep theirs in the stream's folder only.
    assertThat(
            RunHistory.read(
                new Configuration(), List.of(RunHistory.etlFolder(state.toString())), 5))
        .isEmpty();
  }
}
