package io.loglake.cli;

import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.job.RunReport;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loglake etl --check} end to end in this JVM: the data is written, the report holds the
 * check's {@code quality}, the failed rule is printed and the exit status is 3; the run history
 * keeps the same report.
 */
@ExtendWith(SparkTestSession.class)
class EtlCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final CapturedOutput output = new CapturedOutput();
  @TempDir Path dir;

  @Test
  void aRunAboveTheQuarantineRateWritesItsDataReportsTheFailureAndExitsThree() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // Hour 10 with services, hour 11 with one in four missing (null).
      String service = i >= 20 && i % 4 == 0 ? null : "checkout";
      lines.add(
          record(
              String.format("2025-11-09T%02d:%02d:00Z", 10 + i / 20, i % 20),
              "ERROR",
              service,
              "m" + i,
              "u",
              null));
    }
    lines.add("{not json");
    long read = lines.size();
    long missing = lines.stream().filter(l -> l.contains("\"service\":null")).count();
    Path raw = dir.resolve("raw");
    gzipFile(
        raw.resolve("2025/11/09/10/stream-1-2025-11-09-10-00-00-a.gz"),
        lines.toArray(String[]::new));
    Path curated = dir.resolve("curated");
    Path report = dir.resolve("report.json");

    int exit =
        Main.execute(
            "etl",
            "--raw",
            raw.toString(),
            "--curated",
            curated.toString(),
            "--no-register",
            "--report",
            report.toString(),
            "--check",
            "--max-missing-service",
            "0.5");

    assertThat(exit).as(output.stderr()).isEqualTo(Main.EXIT_QUALITY);
    JsonNode run = JSON.readTree(report.toFile());
    assertThat(run.get("records_written").asLong()).isEqualTo(read - 1);
    JsonNode quality = run.get("quality");
    assertThat(quality.get("passed").asBoolean()).isFalse();
    assertThat(quality.get("failed_rules"))
        .extracting(JsonNode::asText)
        .containsExactly("quarantine_rate");
    assertThat(quality.get("hours_checked"))
        .extracting(JsonNode::asText)
        .containsExactly("dt=2025-11-09/hr=10", "dt=2025-11-09/hr=11");
    assertThat(output.stderr())
        .contains(
            String.format(
                "FAIL quarantine_rate: %.4f = 1 quarantined of %d records read by run %s (max"
                    + " 0.0100)",
                1.0 / read, read, run.get("run_id").asText()))
        .contains(
            String.format(
                "PASS missing_service: %.4f = %d of %d rows with no service in 2 hours (max"
                    + " 0.5000)",
                (double) missing / (read - 1), missing, read - 1))
        .contains("SKIP volume: no hour with rows to compare with the day before");
    // The history beside curated keeps the same report, quality included.
    Path kept = dir.resolve("_loglake_state/reports/" + run.get("run_id").asText() + ".json");
    assertThat(RunReport.fromJson(Files.readString(kept)))
        .isEqualTo(RunReport.fromJson(Files.readString(report)));
  }
}
