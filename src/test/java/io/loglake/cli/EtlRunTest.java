package io.loglake.cli;

import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loglake etl} run whole in this JVM (the command, the job, the report), for promises the
 * README makes: where the quarantine goes, and what a truncated file does to a run.
 */
@ExtendWith(SparkTestSession.class)
class EtlRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final CapturedOutput output = new CapturedOutput();
  @TempDir Path dir;

  private static List<Path> regularFiles(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The JSON lines Spark wrote under {@code folder} (its part files, not its checksums). */
  private static List<JsonNode> jsonLines(Path folder) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (Path file : regularFiles(folder)) {
      if (file.getFileName().toString().startsWith("part-")) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          rows.add(JSON.readTree(line));
        }
      }
    }
    return rows;
  }

  private int etl(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "etl";
    System.arraycopy(args, 0, command, 1, args.length);
    return Main.execute(command);
  }

  @Test
  void aRunWithQuarantineWritesItThereAndNowhereElse() throws Exception {
    Path raw = dir.resolve("in/raw");
    String notJson = "{\"timestamp\": \"2025-11-09T10:00:03Z\", \"level\": \"ERROR\"";
    String notAnObject = "[\"ERROR\", \"checkout\"]";
    gzipFile(
        raw.resolve("2025/11/09/10/stream-1-2025-11-09-10-00-00-a.gz"),
        record("2025-11-09T10:00:01Z", "ERROR", "checkout", "kept 1", "u1", null),
        notJson,
        record("2025-11-09T10:00:02Z", "WARN", "checkout", "kept 2", "u2", null),
        notAnObject);
    Path curated = dir.resolve("out/curated");
    Path quarantine = dir.resolve("elsewhere/q");
    Path report = dir.resolve("report.json");

    int exit =
        etl(
            "--raw",
            raw.toString(),
            "--curated",
            curated.toString(),
            "--quarantine",
            quarantine.toString(),
            "--report",
            report.toString(),
            "--no-register");

    assertThat(exit).as(output.stderr()).isZero();
    JsonNode run = JSON.readTree(report.toFile());
    assertThat(run.get("records_quarantined").asLong()).isEqualTo(2);
    assertThat(run.get("quarantine_path").asText()).startsWith(quarantine.toString());
    List<String> quarantined = new ArrayList<>();
    for (JsonNode row : jsonLines(quarantine)) {
      quarantined.add(row.get("raw").asText());
    }
    assertThat(quarantined).containsExactlyInAnyOrder(notJson, notAnObject);
    // Nowhere else: not in the default place beside curated, not in curated, not in the home
    // (the run history beside curated holds the report, not the records).
    assertThat(dir.resolve("out/_quarantine")).doesNotExist();
    Path history = dir.resolve("out/_loglake_state/reports");
    for (Path file : regularFiles(dir)) {
      assertThat(
              file.startsWith(raw)
                  || file.startsWith(curated)
                  || file.startsWith(quarantine)
                  || file.equals(report)
                  || file.equals(report.resolveSibling(".report.json.crc"))
                  || file.equals(history.resolve(run.get("run_id").asText() + ".json")))
          .as(file.toString())
          .isTrue();
    }
  }

  /**
   * A GZIP file of {@code complete} lines cut off in the middle of the next (long, incompressible)
   * line: a sync flush after the complete lines puts them wholly before the cut, so exactly they
   * can be read back, and the cut falls 16 bytes into the compressed rest.
   */
  private static byte[] truncatedGzip(List<String> complete) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GZIPOutputStream gzip = new GZIPOutputStream(bytes, true);
    for (String line : complete) {
      gzip.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    gzip.flush();
    int cut = bytes.size() + 16;
    byte[] noise = new byte[3000];
    new Random(7).nextBytes(noise);
    StringBuilder message = new StringBuilder();
    for (byte b : noise) {
      message.append((char) ('a' + Math.floorMod(b, 26)));
    }
    String rest =
        record("2025-11-09T10:59:00Z", "ERROR", "cut", message.toString(), "u", null)
            + "\n"
            + record("2025-11-09T10:59:01Z", "ERROR", "cut", "after the cut", "u", null)
            + "\n";
    gzip.write(rest.getBytes(StandardCharsets.UTF_8));
    gzip.close();
    return Arrays.copyOf(bytes.toByteArray(), cut);
  }

  @Test
  void aTruncatedGzipFileIsReportedAndItsLinesBeforeTheCutAreKeptAndCounted(SparkSession spark)
      throws Exception {
    Path raw = dir.resolve("raw");
    List<String> beforeTheCut = new ArrayList<>();
    List<String> keptMessages = new ArrayList<>();
    String[] levels = {"ERROR", "WARN", "INFO"};
    for (int i = 0; i < 30; i++) {
      String level = levels[i % 3];
      String message = "truncated file record " + i;
      beforeTheCut.add(
          record(String.format("2025-11-09T10:%02d:00Z", i), level, "billing", message, "u", null));
      if (!level.equals("INFO")) {
        keptMessages.add(message);
      }
    }
    Path truncated = raw.resolve("2025/11/09/10/stream-1-2025-11-09-10-00-00-truncated.gz");
    Files.createDirectories(truncated.getParent());
    Files.write(truncated, truncatedGzip(beforeTheCut));
    List<String> good = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String message = "good file record " + i;
      good.add(
          record(String.format("2025-11-09T11:%02d:00Z", i), "ERROR", "auth", message, "u", null));
      keptMessages.add(message);
    }
    gzipFile(
        raw.resolve("2025/11/09/11/stream-1-2025-11-09-11-00-00-good.gz"),
        good.toArray(String[]::new));
    Path curated = dir.resolve("curated");
    Path report = dir.resolve("report.json");

    int exit =
        etl(
            "--raw",
            raw.toString(),
            "--curated",
            curated.toString(),
            "--report",
            report.toString(),
            "--no-register");

    assertThat(exit).as(output.stderr()).isZero();
    JsonNode run = JSON.readTree(report.toFile());
    assertThat(run.get("files_read").asLong()).isEqualTo(2);
    assertThat(run.get("records_read").asLong()).isEqualTo(35);
    assertThat(run.get("records_written").asLong()).isEqualTo(25);
    assertThat(run.get("records_filtered_out").asLong()).isEqualTo(10);
    assertThat(run.get("records_quarantined").asLong()).isZero();
    assertThat(run.get("unreadable_files")).hasSize(1);
    JsonNode unreadable = run.get("unreadable_files").get(0);
    assertThat(unreadable.get("path").asText()).endsWith(truncated.getFileName().toString());
    assertThat(unreadable.get("error").asText())
        .startsWith("cannot read after 30 lines: EOFException");
    List<String> partitions = new ArrayList<>();
    run.get("partitions_written").forEach(p -> partitions.add(p.asText()));
    assertThat(partitions).containsExactly("dt=2025-11-09/hr=10", "dt=2025-11-09/hr=11");
    List<String> written =
        spark
            .read()
            .parquet(curated.toString())
            .select("message")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(written).containsExactlyInAnyOrderElementsOf(keptMessages);
  }
}
