package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.schema.RawZoneLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRawZoneSinkTest {
  private static final Pattern OBJECT_KEY =
      Pattern.compile(
          "^(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/realtime-log-stream-1-"
              + "(\\d{4})-(\\d{2})-(\\d{2})-(\\d{2})-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.gz$");
  private static final Instant START = Instant.parse("2025-11-09T10:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path root;

  @Test
  void objectsFollowTheFirehoseLayout() {
    LogProducer.produceLocal(
        root, 50_000, 42, Instant.parse("2025-11-09T22:30:00Z"), HOUR.multipliedBy(3));

    List<String> keys = RawZoneFiles.allFiles(root);
    assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).matches(OBJECT_KEY));
    assertThat(keys)
        .extracting(key -> key.substring(0, 13))
        .contains("2025/11/09/22", "2025/11/09/23", "2025/11/10/00", "2025/11/10/01");
  }

  @Test
  void folderOfAnObjectIsTheHourInItsName() {
    LogProducer.produceLocal(root, 20_000, 42, Instant.parse("2025-12-31T23:10:00Z"), HOUR);

    List<String> keys = RawZoneFiles.allFiles(root);
    assertThat(keys)
        .extracting(key -> key.substring(0, 13))
        .as("the hour runs into the next year")
        .contains("2025/12/31/23", "2026/01/01/00");
    for (String key : keys) {
      Matcher parts = OBJECT_KEY.matcher(key);
      assertThat(parts.matches()).as(key).isTrue();
      for (int i = 1; i <= 4; i++) {
        assertThat(parts.group(i)).as("part %d of %s", i, key).isEqualTo(parts.group(i + 4));
      }
    }
  }

  @Test
  void objectsArePlacedByTheirFirstRecordsArrivalEvenWhenLaterRecordsCrossTheHour() {
    Instant lateInHour = Instant.parse("2025-11-09T10:59:30Z");
    try (LocalRawZoneSink sink = sink(BufferingHints.DEFAULT, 1)) {
      new LogGenerator(42, new EventSchedule(lateInHour, Duration.ofSeconds(45), 45))
          .forEachRemaining(sink::send);
    }

    List<String> keys = RawZoneFiles.allFiles(root);
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0)).startsWith("2025/11/09/10/realtime-log-stream-1-2025-11-09-10-59-30-");
    assertThat(RawZoneFiles.lines(root, keys.get(0)))
        .hasSize(45)
        .last()
        .asString()
        .contains("T11:00:14");
  }

  @Test
  void noTemporaryFilesRemainAfterClose() throws IOException {
    LogProducer.produceLocal(root, 30_000, 42, START, HOUR);

    try (var all = Files.walk(root)) {
      assertThat(all.map(path -> path.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".") || name.startsWith("_") || name.endsWith(".tmp"));
    }
  }

  @Test
  void rollsOverWhenTheBufferReachesTheSizeLimit() {
    long limit = 10_000;
    List<LogRecord> sent = generate(2_000, START, Duration.ofSeconds(400));
    try (LocalRawZoneSink sink = sink(new BufferingHints(limit, HOUR), 42)) {
      sent.forEach(sink::send);
    }

    List<String> keys = RawZoneFiles.allFiles(root);
    int longestLine = sent.stream().mapToInt(r -> r.json().length() + 1).max().orElseThrow();
    assertThat(keys).hasSizeGreaterThan(20);
    List<Integer> sizes = new ArrayList<>();
    for (String key : keys) {
      sizes.add(RawZoneFiles.text(root, key).getBytes(StandardCharsets.UTF_8).length);
    }
    assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo((int) limit));
    assertThat(sizes.stream().filter(size -> size <= limit - longestLine))
        .as("only the last object may have room for another record")
        .hasSizeLessThanOrEqualTo(1);
    assertThat(RawZoneFiles.allLines(root)).isEqualTo(jsonOf(sent));
  }

  @Test
  void rollsOverWhenTheIntervalHasElapsedSinceTheBuffersFirstRecord() {
    List<LogRecord> sent = generate(1_000, START, Duration.ofSeconds(200));
    try (LocalRawZoneSink sink =
        sink(new BufferingHints(BufferingHints.MAX_SIZE_BYTES, Duration.ofSeconds(60)), 42)) {
      sent.forEach(sink::send);
    }

    List<String> keys = RawZoneFiles.allFiles(root);
    assertThat(keys)
        .extracting(key -> key.substring(14, 56))
        .containsExactly(
            "realtime-log-stream-1-2025-11-09-10-00-00-",
            "realtime-log-stream-1-2025-11-09-10-01-00-",
            "realtime-log-stream-1-2025-11-09-10-02-00-",
            "realtime-log-stream-1-2025-11-09-10-03-00-");
    assertThat(keys)
        .extracting(key -> RawZoneFiles.lines(root, key).size())
        .containsExactly(300, 300, 300, 100);
    assertThat(RawZoneFiles.allLines(root)).isEqualTo(jsonOf(sent));
  }

  @Test
  void aRecordLargerThanTheLimitGetsAnObjectOfItsOwn() {
    String big = "{\"message\":\"" + "x".repeat(500) + "\"}";
    LocalRawZoneSink sink = sink(new BufferingHints(100, HOUR), 42);
    sink.send(new LogRecord(START.toEpochMilli(), "{\"a\":1}"));
    sink.send(new LogRecord(START.toEpochMilli() + 1000, big));
    sink.send(new LogRecord(START.toEpochMilli() + 2000, "{\"a\":3}"));
    sink.close();

    List<String> keys = RawZoneFiles.allFiles(root);
    long storedBytes = keys.stream().mapToLong(key -> RawZoneFiles.bytes(root, key).length).sum();
    assertThat(sink.stats()).isEqualTo(new SinkStats(3, 3, 8 + big.length() + 1 + 8, storedBytes));
    assertThat(keys)
        .as("objects one second apart, so in name order")
        .flatExtracting(key -> RawZoneFiles.lines(root, key))
        .containsExactly("{\"a\":1}", big, "{\"a\":3}");
  }

  @Test
  void sameSeedGivesIdenticalObjectsAndNames(@TempDir Path other) {
    LogProducer.produceLocal(root, 20_000, 42, START, HOUR);
    LogProducer.produceLocal(other, 20_000, 42, START, HOUR);

    List<String> keys = RawZoneFiles.allFiles(root);
    assertThat(keys).isNotEmpty();
    assertThat(RawZoneFiles.allFiles(other)).isEqualTo(keys);
    for (String key : keys) {
      assertThat(RawZoneFiles.bytes(other, key)).as(key).isEqualTo(RawZoneFiles.bytes(root, key));
    }
  }

  @Test
  void differentSeedsGiveDifferentObjectsAndNames(@TempDir Path other) {
    LogProducer.produceLocal(root, 5_000, 42, START, HOUR);
    LogProducer.produceLocal(other, 5_000, 43, START, HOUR);

    List<String> keys = RawZoneFiles.allFiles(root);
    List<String> otherKeys = RawZoneFiles.allFiles(other);
    assertThat(keys).isNotEmpty();
    assertThat(otherKeys).hasSameSizeAs(keys).doesNotContainAnyElementsOf(keys);
    assertThat(RawZoneFiles.allLines(other)).isNotEqualTo(RawZoneFiles.allLines(root));
  }

  @Test
  void closeDeliversTheRestAndStatsCountWhatWasDelivered() {
    List<LogRecord> sent = generate(10, START, Duration.ofSeconds(2));
    LocalRawZoneSink sink = sink(BufferingHints.DEFAULT, 42);
    sent.forEach(sink::send);
    assertThat(sink.stats()).isEqualTo(SinkStats.NONE);
    assertThat(RawZoneFiles.allFiles(root)).isEmpty();

    sink.close();
    sink.close();

    long bytes = jsonOf(sent).stream().mapToLong(line -> line.length() + 1).sum();
    assertThat(sink.stats().records()).isEqualTo(10);
    assertThat(sink.stats().objects()).isEqualTo(1);
    assertThat(sink.stats().bytes()).isEqualTo(bytes);
    String key = RawZoneFiles.allFiles(root).get(0);
    assertThat(sink.stats().storedBytes()).isEqualTo(RawZoneFiles.bytes(root, key).length);
    assertThat(RawZoneFiles.lines(root, key)).isEqualTo(jsonOf(sent));
    assertThatThrownBy(() -> sink.send(sent.get(0))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void arrivalTimeComesFromTheClockNotTheEventTime() {
    AtomicLong now = new AtomicLong(Instant.parse("2026-01-02T03:04:05Z").toEpochMilli());
    ArrivalClock wallClock = record -> now.get();
    UUID id = UUID.fromString("00000000-0000-4000-8000-000000000001");
    try (LocalRawZoneSink sink =
        new LocalRawZoneSink(
            root, RawZoneLayout.defaults(), BufferingHints.DEFAULT, wallClock, () -> id)) {
      sink.send(new LogRecord(START.toEpochMilli(), "{\"late\":true}"));
    }
    assertThat(RawZoneFiles.allFiles(root))
        .containsExactly("2026/01/02/03/realtime-log-stream-1-2026-01-02-03-04-05-" + id + ".gz");
  }

  @Test
  void usesTheStreamName() {
    try (LocalRawZoneSink sink =
        LocalRawZoneSink.forGeneratedData(
            root, new RawZoneLayout("clicks.v2"), BufferingHints.DEFAULT, 1)) {
      generate(3, START, Duration.ofSeconds(3)).forEach(sink::send);
    }
    assertThat(RawZoneFiles.allFiles(root))
        .singleElement()
        .asString()
        .contains("/clicks.v2-1-2025-11-09-10-00-00-");
  }

  @Test
  void failsNamingTheDirectoryWhenTheRootIsAFile() throws IOException {
    Path file = Files.writeString(root.resolve("raw"), "not a directory");
    assertThatThrownBy(() -> LocalRawZoneSink.forGeneratedData(file, 42))
        .isInstanceOf(LoglakeException.class)
        .hasMessageStartingWith("Cannot create raw zone directory " + file + ":");
  }

  @Test
  void aFailedDeliveryNamesTheObjectAndLeavesTheSinkUnusable() throws IOException {
    Files.writeString(root.resolve("2025"), "a file where the year folder should be");
    LocalRawZoneSink sink = sink(BufferingHints.DEFAULT, 42);
    sink.send(generate(1, START, HOUR).get(0));

    assertThatThrownBy(sink::flush)
        .isInstanceOf(LoglakeException.class)
        .hasMessageStartingWith(
            "Cannot write raw object " + root.resolve("2025/11/09/10/realtime-log-stream-1-"));
    assertThatThrownBy(() -> sink.send(generate(1, START, HOUR).get(0)))
        .isInstanceOf(IllegalStateException.class);
    sink.close();
    assertThat(RawZoneFiles.allFiles(root)).containsExactly("2025");
  }

  @Test
  void bufferingHintsRejectOutOfRangeValues() {
    assertThatThrownBy(() -> new BufferingHints(0, HOUR)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> new BufferingHints(BufferingHints.MAX_SIZE_BYTES + 1, HOUR))
        .hasMessageContaining("between 1 and");
    assertThatThrownBy(() -> new BufferingHints(1, Duration.ZERO)).hasMessageContaining("positive");
  }

  private LocalRawZoneSink sink(BufferingHints hints, long seed) {
    return LocalRawZoneSink.forGeneratedData(root, RawZoneLayout.defaults(), hints, seed);
  }

  private static List<LogRecord> generate(long records, Instant start, Duration span) {
    List<LogRecord> out = new ArrayList<>();
    new LogGenerator(42, new EventSchedule(start, span, records)).forEachRemaining(out::add);
    return out;
  }

  private static List<String> jsonOf(List<LogRecord> records) {
    return records.stream().map(LogRecord::json).toList();
  }
}
