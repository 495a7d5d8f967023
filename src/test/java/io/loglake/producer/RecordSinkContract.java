package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link RecordSink}'s javadoc, checked on one implementation: a subclass builds the
 * sink and reads back, without the sink, what its destination holds. Run against every sink by
 * {@link RecordSinkContractTest} (local, stdout, firehose) and {@code RecordSinkContractIT} (s3,
 * kafka).
 */
abstract class RecordSinkContract {
  /** One record a second from here, so that objects named by arrival time sort in send order. */
  static final Instant START = Instant.parse("2025-11-09T10:00:00Z");

  /** A new sink on a fresh, empty destination. */
  abstract RecordSink newSink() throws Exception;

  /**
   * The JSON texts the destination holds, read back with plain clients (files, HTTP, a consumer),
   * in the order they were delivered; {@code expected} is how many the test expects, for sinks
   * whose reading waits for them.
   */
  abstract List<String> delivered(int expected) throws Exception;

  /** A sink whose destination refuses every delivery (every sink can be given one). */
  abstract RecordSink brokenSink() throws Exception;

  /** What a failure's message names as the destination of {@link #brokenSink}. */
  String brokenDestination() {
    return "";
  }

  /**
   * The records whose relative order the sink keeps: all of them, unless a sink documents less
   * (Kafka keeps order per key, the service).
   */
  String orderGroup(LogRecord record) {
    return "";
  }

  /** Bytes a sink counts per record on top of its JSON: the newline, unless it sends none. */
  int newlineBytes() {
    return 1;
  }

  static List<LogRecord> records(int count, long seed) {
    List<LogRecord> records = new ArrayList<>();
    new LogGenerator(seed, new EventSchedule(START, Duration.ofSeconds(count), count))
        .forEachRemaining(records::add);
    return records;
  }

  private void assertDeliveredInOrder(List<LogRecord> sent) throws Exception {
    List<String> delivered = delivered(sent.size());
    assertThat(delivered).hasSameElementsAs(json(sent)).hasSize(sent.size());
    Map<String, String> groupOf = new LinkedHashMap<>();
    sent.forEach(r -> groupOf.put(r.json(), orderGroup(r)));
    Map<String, List<String>> sentByGroup = new LinkedHashMap<>();
    Map<String, List<String>> deliveredByGroup = new LinkedHashMap<>();
    sent.forEach(
        r -> sentByGroup.computeIfAbsent(orderGroup(r), g -> new ArrayList<>()).add(r.json()));
    delivered.forEach(
        json ->
            deliveredByGroup.computeIfAbsent(groupOf.get(json), g -> new ArrayList<>()).add(json));
    assertThat(deliveredByGroup).as("in send order").isEqualTo(sentByGroup);
  }

  private static List<String> json(List<LogRecord> records) {
    return records.stream().map(LogRecord::json).toList();
  }

  private long bytes(List<LogRecord> records) {
    return records.stream()
        .mapToLong(r -> r.json().getBytes(StandardCharsets.UTF_8).length + newlineBytes())
        .sum();
  }

  @Test
  void closeDeliversEveryRecordOnceInSendOrderAndStatsCountThem() throws Exception {
    List<LogRecord> sent = records(60, 1);
    RecordSink sink = newSink();
    sent.forEach(sink::send);
    sink.close();

    assertDeliveredInOrder(sent);
    assertThat(sink.stats().records()).isEqualTo(60);
    assertThat(sink.stats().bytes()).isEqualTo(bytes(sent));
  }

  @Test
  void flushDeliversWhatWasSentSoFar() throws Exception {
    List<LogRecord> sent = records(15, 2);
    RecordSink sink = newSink();
    sent.subList(0, 10).forEach(sink::send);
    sink.flush();

    assertDeliveredInOrder(sent.subList(0, 10));
    assertThat(sink.stats().records()).isEqualTo(10);

    sent.subList(10, 15).forEach(sink::send);
    sink.close();
    assertDeliveredInOrder(sent);
    assertThat(sink.stats().records()).isEqualTo(15);
  }

  @Test
  void closingTwiceIsHarmlessAndSendingAfterCloseIsRefused() throws Exception {
    List<LogRecord> sent = records(3, 3);
    RecordSink sink = newSink();
    sent.forEach(sink::send);
    sink.close();
    sink.close();

    assertDeliveredInOrder(sent);
    assertThatThrownBy(() -> sink.send(sent.get(0))).isInstanceOf(IllegalStateException.class);
    assertThat(sink.stats().records()).isEqualTo(3);
  }

  @Test
  void aFailedDeliveryNamesTheDestinationAndLeavesTheSinkUnusable() throws Exception {
    RecordSink sink = brokenSink();
    List<LogRecord> sent = records(5, 4);

    assertThatThrownBy(
            () -> {
              sent.forEach(sink::send);
              sink.flush();
            })
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining(brokenDestination());
    assertThatThrownBy(() -> sink.send(sent.get(0))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(sink::flush).isInstanceOf(IllegalStateException.class);
    sink.close();
    assertThat(sink.stats().records()).isZero();
  }
}
