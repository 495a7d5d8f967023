package io.loglake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RawZoneLayoutTest {
  private static final UUID ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

  @Test
  void objectKeysAreFirehosesUtcHourFolderStreamVersionTimeAndId() {
    long arrival = Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli();
    RawZoneLayout layout = RawZoneLayout.defaults();
    assertThat(layout.folder(arrival)).isEqualTo("2026/01/02/03");
    assertThat(layout.objectName(arrival, ID))
        .isEqualTo("realtime-log-stream-1-2026-01-02-03-04-05-" + ID + ".gz");
    assertThat(new RawZoneLayout("clicks.v2").objectKey(arrival, ID))
        .isEqualTo("2026/01/02/03/clicks.v2-1-2026-01-02-03-04-05-" + ID + ".gz");
  }

  @Test
  void rejectsStreamNamesThatAreInvalidOrHidden() {
    assertThatThrownBy(() -> new RawZoneLayout("a/b")).hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> new RawZoneLayout("_logs")).hasMessageContaining("Spark would ignore");
    assertThatThrownBy(() -> new RawZoneLayout(".logs")).hasMessageContaining("Spark would ignore");
    assertThatThrownBy(() -> new RawZoneLayout("x".repeat(65))).hasMessageContaining("1 to 64");
    assertThat(new RawZoneLayout("x".repeat(64)).streamName()).hasSize(64);
  }

  @Test
  void anHourFolderIsReadBackAsItsUtcHour() {
    assertThat(RawZoneLayout.hourOf(List.of("2025", "11", "09", "10")))
        .contains(Instant.parse("2025-11-09T10:00:00Z"));
    assertThat(RawZoneLayout.hourOf(List.of("2024", "02", "29", "23")))
        .contains(Instant.parse("2024-02-29T23:00:00Z"));
  }

  @Test
  void foldersThatAreNotAnHourAreRefused() {
    for (List<String> names :
        List.of(
            List.of("2025", "11", "09", "24"),
            List.of("2025", "02", "29", "00"),
            List.of("2025", "13", "01", "00"),
            List.of("2025", "11", "9", "10"),
            List.of("25", "11", "09", "10"),
            List.of("20250", "11", "09", "10"),
            List.of("2025", "11", "09", "1a"),
            List.of("+202", "11", "09", "10"),
            List.of("2025", "11", "09"),
            List.of("2025", "11", "09", "10", "00"))) {
      assertThat(RawZoneLayout.hourOf(names)).as(names.toString()).isEqualTo(Optional.empty());
    }
  }

  @Test
  void everyFolderTheProducerNamesIsOneTheCrawlerReadsForTheSameHour() {
    Random random = new Random(9);
    long from = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
    RawZoneLayout layout = RawZoneLayout.defaults();
    for (int i = 0; i < 2_000; i++) {
      long arrival = from + (long) (random.nextDouble() * (to - from));
      List<String> names = Arrays.asList(layout.folder(arrival).split("/"));
      assertThat(RawZoneLayout.hourOf(names))
          .as("folder %s of %s", names, Instant.ofEpochMilli(arrival))
          .contains(Instant.ofEpochMilli(arrival).truncatedTo(ChronoUnit.HOURS));
    }
  }

  @Test
  void theGlobReachesHourDepth() {
    assertThat(RawZoneLayout.HOUR_FOLDER_GLOB.split("/"))
        .hasSize(RawZoneLayout.defaults().folder(0).split("/").length);
  }
}
