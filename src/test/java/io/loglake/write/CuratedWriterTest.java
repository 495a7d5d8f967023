package io.loglake.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.schema.CuratedPartition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which partitions a merge reads to find copies of a run's rows. */
class CuratedWriterTest {
  private static CuratedPartition partition(String segment) {
    return CuratedPartition.parse(segment);
  }

  private static List<String> candidates(Duration window, String... partitions) {
    return new CuratedWriter("/unused", window)
            .candidates(List.of(partitions).stream().map(CuratedWriterTest::partition).toList())
            .stream()
            .map(CuratedPartition::pathSegment)
            .toList();
  }

  @Test
  void aPartitionIsWidenedByTheWindowOnBothSidesOfItsHour() {
    // Rows of hr=10 are at 10:00 to 10:59:59.999999; 90 minutes reach back to 08:30, on to 12:29.
    assertThat(candidates(Duration.ofMinutes(90), "dt=2025-11-09/hr=10"))
        .containsExactly(
            "dt=2025-11-09/hr=8",
            "dt=2025-11-09/hr=9",
            "dt=2025-11-09/hr=10",
            "dt=2025-11-09/hr=11",
            "dt=2025-11-09/hr=12");
  }

  @Test
  void theWindowCrossesDatesAndOverlappingRangesAreReadOnce() {
    assertThat(candidates(Duration.ofHours(1), "dt=2025-11-09/hr=23", "dt=2025-11-10/hr=0"))
        .containsExactly(
            "dt=2025-11-09/hr=22",
            "dt=2025-11-09/hr=23",
            "dt=2025-11-10/hr=0",
            "dt=2025-11-10/hr=1");
    assertThat(candidates(Duration.ofHours(24), "dt=2025-11-09/hr=10")).hasSize(49);
  }
}
