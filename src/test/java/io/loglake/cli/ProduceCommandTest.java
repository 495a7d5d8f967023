package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.LogProducer;
import io.loglake.producer.RawZoneFiles;
import io.loglake.testing.CapturedOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ProduceCommandTest {
  private static final String OBJECT_KEY =
      "^\\d{4}/\\d{2}/\\d{2}/\\d{2}/realtime-log-stream-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.gz$";

  @TempDir Path temp;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @Test
  void producesALocalRawZoneAndPrintsASummary() {
    Path out = temp.resolve("raw");

    int exit =
        Main.execute(
            "produce",
            "--sink",
            "local",
            "--out",
            out.toString(),
            "--records",
            "30000",
            "--start",
            "2025-11-09T23:30:00Z",
            "--span",
            "1h");

    assertThat(exit).as(output.stderr()).isZero();
    List<String> keys = RawZoneFiles.allFiles(out);
    assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).matches(OBJECT_KEY));
    assertThat(keys)
        .anyMatch(key -> key.startsWith("2025/11/09/23/"))
        .anyMatch(key -> key.startsWith("2025/11/10/00/"));
    assertThat(RawZoneFiles.allLines(out)).hasSize(30_000);
    assertThat(output.stdout())
        .startsWith("Produced 30000 records into " + keys.size() + " objects: ")
        .contains(" under " + out)
        .endsWith(System.lineSeparator())
        .hasLineCount(1);
  }

  @Test
  void noEventIdLeavesTheFieldOutOfEveryRecord() throws IOException {
    Path out = temp.resolve("raw");

    int exit =
        Main.execute(
            "produce",
            "--sink",
            "local",
            "--out",
            out.toString(),
            "--records",
            "200",
            "--span",
            "10m",
            "--no-event-id");

    assertThat(exit).as(output.stderr()).isZero();
    List<String> lines = RawZoneFiles.allLines(out);
    assertThat(lines).hasSize(200);
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      assertThat(json.readTree(line).fieldNames())
          .toIterable()
          .containsExactly("timestamp", "level", "service", "message", "user_id", "ip");
    }
  }

  @Test
  void theCommandWritesWhatTheProgrammaticEntryWrites(@TempDir Path viaApi) {
    Path out = temp.resolve("raw");
    int exit =
        Main.execute(
            "produce",
            "--sink",
            "local",
            "--out",
            out.toString(),
            "--records",
            "5000",
            "--seed",
            "9",
            "--start",
            "2025-11-09T00:00:00Z",
            "--rate",
            "0");
    assertThat(exit).as(output.stderr()).isZero();
    LogProducer.produceLocal(
        viaApi, 5000, 9, Instant.parse("2025-11-09T00:00:00Z"), EventSchedule.defaultSpan(5000));

    List<String> keys = RawZoneFiles.allFiles(out);
    assertThat(RawZoneFiles.allLines(out)).hasSize(5000);
    assertThat(RawZoneFiles.allFiles(viaApi)).isEqualTo(keys);
    for (String key : keys) {
      assertThat(RawZoneFiles.bytes(out, key)).isEqualTo(RawZoneFiles.bytes(viaApi, key));
    }
  }

  @Test
  void runsWithADifferentStartOrSpanIntoOneRawZoneKeepEveryRecord() throws IOException {
    Path out = temp.resolve("raw");
    String[][] runs = {
      {"2025-11-09T00:00:00Z", "1h"}, {"2025-11-09T00:00:00Z", "2h"}, {"2025-11-09T00:30:00Z", "1h"}
    };
    for (String[] run : runs) {
      int exit =
          Main.execute(
              "produce",
              "--sink",
              "local",
              "--out",
              out.toString(),
              "--records",
              "3000",
              "--start",
              run[0],
              "--span",
              run[1]);
      assertThat(exit).as(output.stderr()).isZero();
    }

    // The default seed each time: no object replaced another, and no two records share an id.
    List<String> lines = RawZoneFiles.allLines(out);
    assertThat(lines).hasSize(3 * 3000);
    ObjectMapper json = new ObjectMapper();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (String line : lines) {
      ids.add(json.readTree(line).get("event_id").asText());
    }
    assertThat(ids).hasSize(3 * 3000);
  }

  @Test
  void appliesStreamBufferServiceAndLevelOptions() throws IOException {
    Path out = temp.resolve("raw");

    int exit =
        Main.execute(
            "produce",
            "--sink=local",
            "--out",
            out.toString(),
            "--records",
            "600",
            "--start",
            "2025-11-09T08:00:00Z",
            "--span",
            "PT10M",
            "--stream",
            "app-logs",
            "--buffer-size",
            "1048576",
            "--buffer-interval",
            "120",
            "--services",
            "search-api,cart-api",
            "--level-weights",
            "0,0,1");

    assertThat(exit).as(output.stderr()).isZero();
    assertThat(RawZoneFiles.allFiles(out))
        .extracting(key -> key.substring(0, 45))
        .containsExactly(
            "2025/11/09/08/app-logs-1-2025-11-09-08-00-00-",
            "2025/11/09/08/app-logs-1-2025-11-09-08-02-00-",
            "2025/11/09/08/app-logs-1-2025-11-09-08-04-00-",
            "2025/11/09/08/app-logs-1-2025-11-09-08-06-00-",
            "2025/11/09/08/app-logs-1-2025-11-09-08-08-00-");
    ObjectMapper json = new ObjectMapper();
    for (String line : RawZoneFiles.allLines(out)) {
      assertThat(json.readTree(line).get("level").asText()).isEqualTo("ERROR");
      assertThat(json.readTree(line).get("service").asText()).isIn("search-api", "cart-api");
    }
  }

  @Test
  void writesRecordsToStandardOutputAndTheSummaryToStandardError() throws IOException {
    int exit =
        Main.execute(
            "produce",
            "--sink",
            "stdout",
            "--records",
            "3",
            "--start",
            "2025-11-09T00:00:00Z",
            "--seed",
            "5");

    assertThat(exit).as(output.stderr()).isZero();
    List<String> lines = output.stdout().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("{\"timestamp\":\"2025-11-09T00:00:00.000Z\",\"level\":\"");
    assertThat(lines.get(2)).startsWith("{\"timestamp\":\"2025-11-09T00:00:00.400Z\",");
    for (String line : lines) {
      new ObjectMapper().readTree(line);
    }
    assertThat(output.stderr()).startsWith("Produced 3 records: ");
  }

  @Test
  void aMissingOutForTheLocalSinkIsAUsageError() {
    assertUsageError(
        "Cannot write to --sink local: --out PATH is required",
        "produce",
        "--sink",
        "local",
        "--records",
        "10");
  }

  @Test
  void badArgumentsAreUsageErrorsNamingTheValue() {
    String out = temp.resolve("raw").toString();
    assertUsageError(
        "Cannot use --records 0", "produce", "--sink", "local", "--out", out, "--records", "0");
    assertUsageError(
        "'tomorrow' is not an ISO-8601 instant",
        "produce",
        "--sink",
        "local",
        "--out",
        out,
        "--records",
        "1",
        "--start",
        "tomorrow");
    assertUsageError(
        "'1 day' is not a duration",
        "produce",
        "--sink",
        "local",
        "--out",
        out,
        "--records",
        "1",
        "--span",
        "1 day");
    assertUsageError("'kinesis' is not a sink", "produce", "--sink", "kinesis", "--records", "1");
    assertUsageError(
        "--bootstrap-servers HOST:PORT and --topic TOPIC are required",
        "produce",
        "--sink",
        "kafka",
        "--records",
        "1");
    assertUsageError(
        "Cannot use --span without --records", "produce", "--sink", "stdout", "--span", "1h");
    assertUsageError(
        "Cannot use --rate -1.0", "produce", "--sink", "stdout", "--records", "1", "--rate", "-1");
    assertUsageError(
        "the late fraction must be between 0 and 1",
        "produce",
        "--sink",
        "stdout",
        "--records",
        "1",
        "--late-fraction",
        "1.5");
    assertUsageError(
        "they apply to --sink kafka only",
        "produce",
        "--sink",
        "stdout",
        "--records",
        "1",
        "--topic",
        "t");
    assertUsageError(
        "Cannot use --region moon-1",
        "produce",
        "--sink",
        "firehose",
        "--records",
        "1",
        "--region",
        "moon-1");
    assertUsageError(
        "'0.8,0.2' is not three",
        "produce",
        "--sink",
        "local",
        "--out",
        out,
        "--records",
        "1",
        "--level-weights",
        "0.8,0.2");
    assertUsageError(
        "Cannot use --stream '_hidden'",
        "produce",
        "--sink",
        "local",
        "--out",
        out,
        "--records",
        "1",
        "--stream",
        "_hidden");
    assertUsageError(
        "Cannot use --buffer-size 0",
        "produce",
        "--sink",
        "local",
        "--out",
        out,
        "--records",
        "1",
        "--buffer-size",
        "0");
    assertUsageError(
        "Cannot use --buffer-interval 0",
        "produce",
        "--sink",
        "local",
        "--out",
        out,
        "--records",
        "1",
        "--buffer-interval",
        "0");
    assertUsageError(
        "Cannot use --services a,a",
        "produce",
        "--sink",
        "local",
        "--out",
        out,
        "--records",
        "1",
        "--services",
        "a,a");
    assertUsageError(
        "apply to --sink local only",
        "produce",
        "--sink",
        "stdout",
        "--out",
        out,
        "--records",
        "1");
    assertUsageError(
        "Cannot use --start 9999-12-31T00:00:00Z with --span PT48H",
        "produce",
        "--sink",
        "local",
        "--out",
        out,
        "--records",
        "2",
        "--start",
        "9999-12-31T00:00:00Z",
        "--span",
        "48h");
    assertUsageError("Missing required option: '--sink=", "produce", "--records", "1");
    assertThat(Files.exists(temp.resolve("raw"))).isFalse();
  }

  @Test
  void anUnwritableOutputIsAFailureWithAHint() throws IOException {
    Path file = Files.writeString(temp.resolve("file"), "x");

    int exit =
        Main.execute("produce", "--sink", "local", "--out", file.toString(), "--records", "10");

    assertThat(exit).isEqualTo(Main.EXIT_FAILURE);
    assertThat(output.stderr())
        .contains("loglake: Cannot create raw zone directory " + file)
        .contains("what to do: it is a file");
  }

  @Test
  void spansAcceptShortAndIsoForms() {
    for (String span : List.of("24h", "90m", "1h30m", "45s", "500ms", "2d", "PT1H", "0s")) {
      Path out = temp.resolve("raw-" + span);
      int exit =
          Main.execute(
              "produce",
              "--sink",
              "local",
              "--out",
              out.toString(),
              "--records",
              "2",
              "--span",
              span,
              "--start",
              "2025-11-09T00:00:00Z");
      assertThat(exit).as("--span %s: %s", span, output.stderr()).isZero();
    }
    assertThat(RawZoneFiles.allFiles(temp.resolve("raw-1h30m")))
        .extracting(key -> key.substring(36, 55))
        .containsExactly("2025-11-09-00-00-00", "2025-11-09-00-45-00");
  }

  @Test
  void badS3SinkArgumentsAreUsageErrors() {
    assertUsageError(
        "Cannot write to --sink s3: --bucket BUCKET is required",
        "produce",
        "--sink",
        "s3",
        "--records",
        "1");
    assertUsageError(
        "Cannot use --bucket 'My_Bucket': a bucket name is 3 to 63 lower-case letters",
        "produce",
        "--sink",
        "s3",
        "--bucket",
        "My_Bucket",
        "--records",
        "1");
    assertUsageError(
        "Cannot use --prefix '/raw': it must not start with '/'",
        "produce",
        "--sink",
        "s3",
        "--bucket",
        "logs",
        "--prefix",
        "/raw",
        "--records",
        "1");
    assertUsageError(
        "Cannot use --region moon-1",
        "produce",
        "--sink",
        "s3",
        "--bucket",
        "logs",
        "--region",
        "moon-1",
        "--records",
        "1");
    assertUsageError(
        "Cannot use --endpoint-url ftp://host: it must be an http(s)://host[:port] URL",
        "produce",
        "--sink",
        "s3",
        "--bucket",
        "logs",
        "--endpoint-url",
        "ftp://host",
        "--records",
        "1");
    assertUsageError(
        "Cannot use --buffer-size 0",
        "produce",
        "--sink",
        "s3",
        "--bucket",
        "logs",
        "--buffer-size",
        "0",
        "--records",
        "1");
    assertUsageError(
        "Cannot use --bucket, --prefix or --path-style with --sink local",
        "produce",
        "--sink",
        "local",
        "--out",
        temp.resolve("raw").toString(),
        "--bucket",
        "logs",
        "--records",
        "1");
    assertUsageError(
        "Cannot use --out with --sink s3",
        "produce",
        "--sink",
        "s3",
        "--bucket",
        "logs",
        "--out",
        temp.resolve("raw").toString(),
        "--records",
        "1");
    assertUsageError(
        "they apply to --sink s3 and local only",
        "produce",
        "--sink",
        "kafka",
        "--buffer-interval",
        "5",
        "--records",
        "1");
  }

  private void assertUsageError(String message, String... args) {
    output.reset();
    int exit = Main.execute(args);
    assertThat(exit).as("exit code of %s", String.join(" ", args)).isEqualTo(Main.EXIT_USAGE);
    assertThat(output.stderr()).contains(message).contains("Usage: loglake produce");
  }
}
