package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.LoglakeException;
import io.loglake.schema.RawZoneLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RawZoneSink}'s delivery rules over an in-memory store whose answers a test scripts. */
class RawZoneSinkTest {
  private static final Instant START = Instant.parse("2025-11-09T10:00:00Z");

  @TempDir Path temp;

  /** A store keeping objects in memory; each put takes the next scripted answer (default: ok). */
  private static final class ScriptedStore implements RawObjectStore {
    final Map<String, byte[]> objects = new LinkedHashMap<>();
    final Deque<Supplier<Integer>> answers = new ArrayDeque<>();
    boolean closed;

    @Override
    public int put(String key, byte[] data, int length) {
      Supplier<Integer> answer = answers.poll();
      int attempts = answer == null ? 1 : answer.get();
      objects.put(key, Arrays.copyOf(data, length));
      return attempts;
    }

    @Override
    public String location(String key) {
      return "mem://" + key;
    }

    @Override
    public String description() {
      return "mem://";
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void anObjectNotWrittenIsDeadLetteredAndTheSinkGoesOn() throws IOException {
    ScriptedStore store = new ScriptedStore();
    store.answers.add(() -> 2);
    store.answers.add(
        () -> {
          throw new RawObjectStore.ObjectNotWrittenException("InternalError: try again", 8, null);
        });
    List<String> notices = new ArrayList<>();
    Path deadLetter = temp.resolve("dead.ndjson");
    List<LogRecord> sent = generate(30);
    // A record every 2 s and 20 s per object: 3 objects of 10 records; the first took 2 attempts,
    // none of the second's 8 succeeded.
    long tenRecords = bytesOf(sent.subList(0, 10));
    BufferingHints twentySeconds = new BufferingHints(1 << 20, Duration.ofSeconds(20));
    try (RawZoneSink sink = sink(store, twentySeconds, deadLetter, notices)) {
      sent.forEach(sink::send);
      sink.flush();

      long stored = store.objects.values().stream().mapToLong(object -> object.length).sum();
      assertThat(sink.stats())
          .isEqualTo(
              new SinkStats(
                  20, 2, tenRecords + bytesOf(sent.subList(20, 30)), stored, 10 + 10 * 7, 10));
    }
    assertThat(store.objects).hasSize(2);
    assertThat(store.closed).isTrue();
    List<String> delivered = new ArrayList<>();
    store.objects.values().forEach(object -> delivered.addAll(gunzipLines(object)));
    assertThat(delivered).isEqualTo(jsonOf(concat(sent.subList(0, 10), sent.subList(20, 30))));
    assertThat(deadLettered(deadLetter)).isEqualTo(jsonOf(sent.subList(10, 20)));
    assertThat(notices)
        .singleElement()
        .asString()
        .startsWith("Cannot write raw object mem://2025/11/09/10/")
        .contains(
            "after 8 attempts (InternalError: try again); its 10 records are in " + deadLetter);
  }

  @Test
  void aStoreFailureDeadLettersTheObjectAndTheArrivingRecordThenThrows() throws IOException {
    ScriptedStore store = new ScriptedStore();
    store.answers.add(
        () -> {
          throw new LoglakeException("Cannot write raw object mem://x: NoSuchBucket", "create it");
        });
    Path deadLetter = temp.resolve("dead.ndjson");
    List<LogRecord> sent = generate(30);
    RawZoneSink sink =
        sink(store, bySize(bytesOf(sent.subList(0, 10))), deadLetter, new ArrayList<>());
    sent.subList(0, 9).forEach(sink::send);

    // The 10th record fills the buffer: its delivery fails inside send.
    assertThatThrownBy(() -> sink.send(sent.get(9)))
        .isInstanceOf(LoglakeException.class)
        .hasMessage("Cannot write raw object mem://x: NoSuchBucket")
        .satisfies(
            e ->
                assertThat(((LoglakeException) e).hint())
                    .isEqualTo("create it; the 10 records not delivered are in " + deadLetter));
    assertThatThrownBy(() -> sink.send(sent.get(10))).isInstanceOf(IllegalStateException.class);
    sink.close();

    assertThat(store.closed).isTrue();
    assertThat(sink.stats().deadLettered()).isEqualTo(10);
    assertThat(sink.stats().records()).isZero();
    assertThat(deadLettered(deadLetter)).isEqualTo(jsonOf(sent.subList(0, 10)));
  }

  @Test
  void aStoreFailureWhileSendingAlsoDeadLettersTheRecordThatTriggeredTheDelivery()
      throws IOException {
    ScriptedStore store = new ScriptedStore();
    store.answers.add(
        () -> {
          throw new LoglakeException("Cannot write raw object mem://x: AccessDenied", "allow it");
        });
    Path deadLetter = temp.resolve("dead.ndjson");
    List<LogRecord> sent = generate(30);
    // Room for 10 records and a bit: the 11th does not fit, so it sends the first 10 and fails.
    RawZoneSink sink =
        sink(store, bySize(bytesOf(sent.subList(0, 10)) + 5), deadLetter, new ArrayList<>());
    sent.subList(0, 10).forEach(sink::send);

    assertThatThrownBy(() -> sink.send(sent.get(10)))
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining("AccessDenied");
    sink.close();

    assertThat(deadLettered(deadLetter)).isEqualTo(jsonOf(sent.subList(0, 11)));
    assertThat(sink.stats().deadLettered()).isEqualTo(11);
  }

  private static BufferingHints bySize(long sizeBytes) {
    return new BufferingHints(sizeBytes, Duration.ofHours(1));
  }

  private RawZoneSink sink(
      RawObjectStore store, BufferingHints hints, Path deadLetter, List<String> notices) {
    return new RawZoneSink(
        store,
        RawZoneLayout.defaults(),
        hints,
        ArrivalClock.eventTime(),
        SeededUuids.forObjectNames(3),
        new RawZoneSink.DeadLettering(new DeadLetterFile(deadLetter), "test", notices::add));
  }

  private static List<LogRecord> generate(int records) {
    List<LogRecord> out = new ArrayList<>();
    new LogGenerator(42, new EventSchedule(START, Duration.ofMinutes(1), records))
        .forEachRemaining(out::add);
    return out;
  }

  private static long bytesOf(List<LogRecord> records) {
    return records.stream()
        .mapToLong(r -> r.json().getBytes(StandardCharsets.UTF_8).length + 1L)
        .sum();
  }

  private static List<LogRecord> concat(List<LogRecord> a, List<LogRecord> b) {
    List<LogRecord> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> jsonOf(List<LogRecord> records) {
    return records.stream().map(LogRecord::json).toList();
  }

  private static List<String> deadLettered(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> records = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      records.add(json.readTree(line).get("record").asText());
    }
    return records;
  }

  private static List<String> gunzipLines(byte[] object) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(object))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
