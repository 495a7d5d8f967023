package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.cli.Main;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.S3TestServer;
import io.loglake.testing.SystemProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code loglake produce --sink s3} against S3Proxy, a real S3-protocol server on 127.0.0.1. */
class S3SinkIT {
  /** The code under test takes the SDK's default credentials chain; system properties are in it. */
  @RegisterExtension
  static final SystemProperties credentials =
      SystemProperties.awsCredentials(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);

  private static final Pattern KEY =
      Pattern.compile(
          "logs/raw/(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/realtime-log-stream-1-"
              + "(\\d{4})-(\\d{2})-(\\d{2})-(\\d{2})-\\d{2}-\\d{2}-"
              + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.gz");
  private static final Instant START = Instant.parse("2025-11-09T22:30:00Z");
  private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");

  @TempDir static Path serverDir;
  @TempDir Path temp;

  private static S3TestServer server;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start(serverDir);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void writesTheFirehoseLayoutWithEveryRecordExactlyOnce() {
    server.createBucket("raw-zone");
    int records = 4000;

    int exit = produce("s3", "--bucket", "raw-zone", "--prefix", "logs/raw", "--records", "4000");

    String out = output.stdout();
    assertThat(exit).as(output.stderr()).isZero();
    List<String> keys = server.keys("raw-zone");
    // 4000 records over 3 h (one every 2.7 s), 60 s or 64 KiB per object: many objects, over two
    // days' folders.
    assertThat(keys).hasSizeGreaterThan(10);
    Set<String> hours = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> lines = new ArrayList<>();
    for (String key : keys) {
      Matcher m = KEY.matcher(key);
      assertThat(m.matches()).as("key %s follows the Firehose layout", key).isTrue();
      String folder = m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "-" + m.group(4);
      String nameHour = m.group(5) + "-" + m.group(6) + "-" + m.group(7) + "-" + m.group(8);
      assertThat(nameHour).as("hour in the name of %s", key).isEqualTo(folder);
      hours.add(folder);
      List<String> objectLines = gunzipLines(key, server.object("raw-zone", key));
      assertThat(objectLines.get(0))
          .as("first record of %s arrived in its folder's hour", key)
          .startsWith("{\"timestamp\":\"" + folder.substring(0, 10) + "T" + folder.substring(11));
      for (String line : objectLines) {
        seen.merge(eventId(line), 1, Integer::sum);
        lines.add(line);
      }
    }
    assertThat(hours)
        .containsExactlyInAnyOrder(
            "2025-11-09-22", "2025-11-09-23", "2025-11-10-00", "2025-11-10-01");
    List<String> expected = expectedRecords(records);
    assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(seen)
        .hasSize(records)
        .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    assertThat(out)
        .startsWith("Produced 4000 records into " + keys.size() + " objects")
        .contains(" to s3://raw-zone/logs/raw/; 4000 delivered, 0 retried, 0 dead-lettered");
  }

  @Test
  void putsTheSameObjectsAsTheLocalSink() {
    server.createBucket("same-as-local");
    Path local = temp.resolve("raw");

    assertThat(produce("s3", "--bucket", "same-as-local", "--records", "1500")).isZero();
    assertThat(produce("local", "--out", local.toString(), "--records", "1500")).isZero();

    List<String> localKeys = RawZoneFiles.allFiles(local);
    assertThat(server.keys("same-as-local")).isEqualTo(localKeys).isNotEmpty();
    for (String key : localKeys) {
      assertThat(server.object("same-as-local", key))
          .as("object %s", key)
          .isEqualTo(RawZoneFiles.bytes(local, key));
    }
  }

  @Test
  void aMissingBucketExitsOneWithAHintAndDeadLettersEveryRecord() throws IOException {
    Path deadLetter = temp.resolve("dead").resolve("s3.ndjson");

    int exit =
        produce(
            "s3",
            "--bucket",
            "no-such-bucket",
            "--records",
            "700",
            "--buffer-interval",
            "86400",
            "--dead-letter",
            deadLetter.toString());

    String err = output.stderr();
    assertThat(exit).as(err).isEqualTo(1);
    assertThat(err)
        .contains("loglake: Cannot write raw object s3://no-such-bucket/2025/11/09/22/")
        .contains("NoSuchBucket")
        .contains("what to do: create the bucket (aws s3 mb s3://no-such-bucket)")
        .contains("records not delivered are in " + deadLetter);
    // Buffered by size only: the first object (64 KiB of records) failed, and so did the record
    // whose arrival sent it:
    // both are in the dead-letter file, nothing was dropped, and nothing after was generated.
    ObjectMapper json = new ObjectMapper();
    List<String> dead = new ArrayList<>();
    for (String line : Files.readAllLines(deadLetter, StandardCharsets.UTF_8)) {
      JsonNode letter = json.readTree(line);
      assertThat(letter.get("sink").asText()).isEqualTo("s3");
      assertThat(letter.get("reason").asText()).contains("NoSuchBucket");
      dead.add(letter.get("record").asText());
    }
    List<String> expected = expectedRecords(700);
    assertThat(dead).isNotEmpty().isEqualTo(expected.subList(0, dead.size()));
    long firstObjectBytes =
        dead.subList(0, dead.size() - 1).stream().mapToLong(l -> l.length() + 1).sum();
    assertThat(firstObjectBytes).isLessThanOrEqualTo(65536);
    assertThat(firstObjectBytes + dead.get(dead.size() - 1).length() + 1).isGreaterThan(65536);
  }

  @Test
  void whatIsStillBufferedAtTheEndIsDeadLetteredWhenTheBucketIsMissing() throws IOException {
    Path deadLetter = temp.resolve("all.ndjson");

    int exit =
        produce(
            "s3",
            "--bucket",
            "absent-bucket",
            "--records",
            "50",
            "--buffer-interval",
            "86400",
            "--dead-letter",
            deadLetter.toString());

    assertThat(exit).isEqualTo(1);
    ObjectMapper json = new ObjectMapper();
    List<String> dead = new ArrayList<>();
    for (String line : Files.readAllLines(deadLetter, StandardCharsets.UTF_8)) {
      dead.add(json.readTree(line).get("record").asText());
    }
    assertThat(dead).isEqualTo(expectedRecords(50));
  }

  /** Runs {@code loglake produce} with this class's seed, start, span and buffering. */
  private int produce(String sink, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "produce",
                "--sink",
                sink,
                "--seed",
                "11",
                "--start",
                START.toString(),
                "--span",
                "3h",
                "--buffer-size",
                "65536"));
    if (sink.equals("s3")) {
      args.addAll(List.of("--endpoint-url", server.endpoint().toString(), "--region", "us-east-1"));
    }
    args.addAll(List.of(options));
    return Main.execute(args.toArray(String[]::new));
  }

  /** What produce generates for {@link #produce}'s settings, computed without any sink. */
  private static List<String> expectedRecords(int records) {
    List<String> lines = new ArrayList<>();
    new LogGenerator(
            GeneratorConfig.defaults(), 11, new EventSchedule(START, Duration.ofHours(3), records))
        .forEachRemaining(record -> lines.add(record.json()));
    return lines;
  }

  private static String eventId(String line) {
    Matcher m = EVENT_ID.matcher(line);
    assertThat(m.find()).as("event_id in %s", line).isTrue();
    return m.group(1);
  }

  private static List<String> gunzipLines(String key, byte[] object) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(object))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).as("%s ends with a newline", key).endsWith("\n");
      return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
