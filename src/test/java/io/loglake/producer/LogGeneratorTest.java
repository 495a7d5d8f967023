package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LogGeneratorTest {
  private static final Instant START = Instant.parse("2025-11-09T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private static final Pattern TIMESTAMP_TEXT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

  @Test
  void sameSeedGivesIdenticalRecords() {
    assertThat(generate(7, 5_000)).isEqualTo(generate(7, 5_000));
  }

  @Test
  void differentSeedsGiveDifferentRecords() {
    List<LogRecord> seven = generate(7, 1_000);
    List<LogRecord> eight = generate(8, 1_000);
    assertThat(seven).isNotEqualTo(eight);
    assertThat(seven.get(0).json()).isNotEqualTo(eight.get(0).json());
  }

  @Test
  void runsWithADifferentStartOrSpanNeverShareAnEventId() {
    Instant later = START.plusSeconds(1);
    List<Set<String>> runs =
        List.of(
            eventIds(new LogGenerator(42, new EventSchedule(START, Duration.ofHours(1), 10_000))),
            eventIds(new LogGenerator(42, new EventSchedule(later, Duration.ofHours(1), 10_000))),
            eventIds(new LogGenerator(42, new EventSchedule(START, Duration.ofHours(2), 10_000))),
            eventIds(
                new LogGenerator(
                    GeneratorConfig.defaults(), 42, START, EventSchedule.DEFAULT_SPACING),
                10_000),
            eventIds(
                new LogGenerator(
                    GeneratorConfig.defaults(), 42, later, EventSchedule.DEFAULT_SPACING),
                10_000));
    Set<String> all = new HashSet<>();
    for (Set<String> run : runs) {
      assertThat(run).hasSize(10_000);
      all.addAll(run);
    }
    assertThat(all).as("event ids shared between runs").hasSize(5 * 10_000);
  }

  @Test
  void theSameSeedStartAndSpanRepeatTheRecords() {
    EventSchedule schedule = new EventSchedule(START, Duration.ofHours(1), 2_000);
    assertThat(generate(schedule)).isEqualTo(generate(schedule));
    List<LogRecord> endless = new ArrayList<>();
    List<LogRecord> again = new ArrayList<>();
    LogGenerator first =
        new LogGenerator(GeneratorConfig.defaults(), 42, START, Duration.ofMillis(7));
    LogGenerator second =
        new LogGenerator(GeneratorConfig.defaults(), 42, START, Duration.ofMillis(7));
    for (int i = 0; i < 1_000; i++) {
      endless.add(first.next());
      again.add(second.next());
    }
    assertThat(endless).isEqualTo(again);
  }

  @Test
  void everyRecordIsOneJsonObjectWithTheFieldsInOrder() throws Exception {
    for (LogRecord record : generate(42, 2_000)) {
      assertThat(record.json()).doesNotContain("\n").startsWith("{").endsWith("}");
      JsonNode node = JSON.readTree(record.json());
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      assertThat(names)
          .as(record.json())
          .containsExactly("timestamp", "level", "service", "message", "user_id", "ip", "event_id");
      node.forEach(value -> assertThat(value.isTextual()).as(record.json()).isTrue());

      assertThat(node.get("timestamp").asText()).matches(TIMESTAMP_TEXT);
      assertThat(Instant.parse(node.get("timestamp").asText())).isEqualTo(record.eventTime());
      assertThat(node.get("level").asText()).isIn("INFO", "WARN", "ERROR");
      assertThat(node.get("service").asText()).isIn(GeneratorConfig.DEFAULT_SERVICES);
      assertThat(node.get("message").asText()).isNotBlank();
      assertThat(node.get("user_id").asText()).matches("user_[1-9][0-9]{0,3}");
      int user = Integer.parseInt(node.get("user_id").asText().substring(5));
      assertThat(user).isBetween(1, 1000);
      assertThat(node.get("ip").asText()).matches("10\\.0\\.\\d{1,3}\\.\\d{1,3}");
      assertThat(node.get("event_id").asText()).matches(UUID_TEXT);
    }
  }

  @Test
  void messagesFitTheirServiceAndLevel() throws Exception {
    boolean sawCardDeclined = false;
    for (LogRecord record : generate(42, 20_000)) {
      JsonNode node = JSON.readTree(record.json());
      String service = node.get("service").asText();
      LogLevel level = LogLevel.valueOf(node.get("level").asText());
      assertThat(MessageCatalog.messages(service, level)).contains(node.get("message").asText());
      sawCardDeclined |= node.get("message").asText().equals("Card declined");
    }
    assertThat(sawCardDeclined).isTrue();
  }

  @Test
  void eventIdsAreUnique() {
    List<LogRecord> records = generate(42, 50_000);
    assertThat(records.stream().map(r -> r.json().substring(r.json().length() - 38)).distinct())
        .hasSize(records.size());
  }

  @Test
  void levelMixIsCloseToTheDefaultWeights() throws Exception {
    Map<LogLevel, Integer> counts = countLevels(new LogGenerator(42, schedule(100_000)));
    assertThat(counts.get(LogLevel.INFO) / 100_000.0).isCloseTo(0.80, within(0.01));
    assertThat(counts.get(LogLevel.WARN) / 100_000.0).isCloseTo(0.15, within(0.01));
    assertThat(counts.get(LogLevel.ERROR) / 100_000.0).isCloseTo(0.05, within(0.01));
  }

  @Test
  void levelWeightsAndServicesAreConfigurable() throws Exception {
    GeneratorConfig config = new GeneratorConfig(List.of("search-api"), new LevelWeights(0, 1, 3));
    LogGenerator generator = new LogGenerator(config, 42, schedule(20_000));
    List<LogRecord> records = new ArrayList<>();
    generator.forEachRemaining(records::add);

    Map<LogLevel, Integer> counts = countLevels(records.iterator());
    assertThat(counts.get(LogLevel.INFO)).isZero();
    assertThat(counts.get(LogLevel.ERROR) / 20_000.0).isCloseTo(0.75, within(0.02));
    for (LogRecord record : records) {
      JsonNode node = JSON.readTree(record.json());
      assertThat(node.get("service").asText()).isEqualTo("search-api");
      assertThat(
              MessageCatalog.messages("search-api", LogLevel.valueOf(node.get("level").asText())))
          .contains(node.get("message").asText());
    }
  }

  @Test
  void withoutEventIdsTheRecordsAreTheSameButForTheEventId() throws Exception {
    GeneratorConfig without = GeneratorConfig.defaults().withEventIds(false);
    List<LogRecord> withIds = generate(schedule(500));
    List<LogRecord> withoutIds = new ArrayList<>();
    new LogGenerator(without, 42, schedule(500)).forEachRemaining(withoutIds::add);

    assertThat(withoutIds).hasSameSizeAs(withIds);
    for (int i = 0; i < withIds.size(); i++) {
      JsonNode expected = JSON.readTree(withIds.get(i).json());
      ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("event_id");
      JsonNode actual = JSON.readTree(withoutIds.get(i).json());
      assertThat(actual.has("event_id")).as(withoutIds.get(i).json()).isFalse();
      assertThat(actual).as("record %d", i).isEqualTo(expected);
    }
  }

  @Test
  void serviceNamesAreEscapedAsJson() throws Exception {
    String awkward = "odd \"quoted\" \\ service\n\t\u0001é";
    GeneratorConfig config = GeneratorConfig.defaults().withServices(List.of(awkward));
    LogRecord record = new LogGenerator(config, 1, schedule(1)).next();
    assertThat(record.json()).doesNotContain("\n");
    assertThat(JSON.readTree(record.json()).get("service").asText()).isEqualTo(awkward);
  }

  @Test
  void recordsAreSpreadEvenlyOverTheSpanFromTheStart() {
    List<LogRecord> records = generate(new EventSchedule(START, Duration.ofSeconds(10), 3));
    assertThat(records)
        .extracting(LogRecord::eventTime)
        .containsExactly(
            START,
            Instant.parse("2025-11-09T10:00:03.333Z"),
            Instant.parse("2025-11-09T10:00:06.666Z"));
    assertThat(records.get(1).json()).startsWith("{\"timestamp\":\"2025-11-09T10:00:03.333Z\",");
  }

  @Test
  void defaultSpanIsTheSeedProducersFiveRecordsASecond() {
    List<LogRecord> records = generate(EventSchedule.atDefaultRate(START, 6));
    assertThat(records.get(5).eventTime()).isEqualTo(START.plusMillis(1_000));
    assertThat(records.get(1).json()).startsWith("{\"timestamp\":\"2025-11-09T10:00:00.200Z\",");
  }

  @Test
  void longSpansOverManyRecordsDoNotOverflow() {
    EventSchedule schedule =
        new EventSchedule(Instant.EPOCH, Duration.ofDays(365L * 7000), 4_000_000_000L);
    LogGenerator generator = new LogGenerator(42, schedule);
    assertThat(generator.next().eventTime()).isEqualTo(Instant.EPOCH);
    assertThat(generator.next().eventTimeMillis())
        .isEqualTo(Duration.ofDays(365L * 7000).toMillis() / 4_000_000_000L);
  }

  @Test
  void stopsAfterTheScheduledRecords() {
    LogGenerator generator = new LogGenerator(42, schedule(2));
    generator.next();
    generator.next();
    assertThat(generator.hasNext()).isFalse();
    assertThatThrownBy(generator::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void rejectsInvalidSchedulesAndConfigs() {
    assertThatThrownBy(() -> new EventSchedule(START, Duration.ZERO, 0))
        .hasMessageContaining("greater than 0, got 0");
    assertThatThrownBy(() -> new EventSchedule(START, Duration.ofSeconds(-1), 1))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> new LevelWeights(0, 0, 0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new LevelWeights(-1, 1, 1)).hasMessageContaining("INFO weight");
    assertThatThrownBy(() -> LevelWeights.parse("0.8,0.2")).hasMessageContaining("'0.8,0.2'");
    assertThatThrownBy(() -> LevelWeights.parse("0.8,x,0.1")).hasMessageContaining("'x'");
    assertThatThrownBy(() -> GeneratorConfig.defaults().withServices(List.of()))
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> GeneratorConfig.defaults().withServices(List.of("a", "a")))
        .hasMessageContaining("'a' is listed twice");
  }

  @Test
  void parsesLevelWeights() {
    LevelWeights weights = LevelWeights.parse("8, 1.5 ,0.5");
    assertThat(weights.probability(LogLevel.INFO)).isCloseTo(0.8, within(1e-12));
    assertThat(weights.probability(LogLevel.ERROR)).isCloseTo(0.05, within(1e-12));
  }

  private static EventSchedule schedule(long records) {
    return EventSchedule.atDefaultRate(START, records);
  }

  private static List<LogRecord> generate(long seed, long records) {
    List<LogRecord> out = new ArrayList<>();
    new LogGenerator(seed, schedule(records)).forEachRemaining(out::add);
    return out;
  }

  private static List<LogRecord> generate(EventSchedule schedule) {
    List<LogRecord> out = new ArrayList<>();
    new LogGenerator(42, schedule).forEachRemaining(out::add);
    return out;
  }

  private static Set<String> eventIds(Iterator<LogRecord> records) {
    return eventIds(records, Long.MAX_VALUE);
  }

  private static Set<String> eventIds(Iterator<LogRecord> records, long limit) {
    Set<String> ids = new HashSet<>();
    for (long i = 0; i < limit && records.hasNext(); i++) {
      String json = records.next().json();
      ids.add(json.substring(json.length() - 38, json.length() - 2));
    }
    return ids;
  }

  private static Map<LogLevel, Integer> countLevels(Iterator<LogRecord> records) throws Exception {
    Map<LogLevel, Integer> counts = new EnumMap<>(LogLevel.class);
    for (LogLevel level : LogLevel.values()) {
      counts.put(level, 0);
    }
    while (records.hasNext()) {
      String level = JSON.readTree(records.next().json()).get("level").asText();
      counts.merge(LogLevel.valueOf(level), 1, Integer::sum);
    }
    return counts;
  }
}
