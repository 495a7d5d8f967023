package io.loglake.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.schema.CuratedPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void onlyAZoneWithAPartitionFolderAndAWindowCanHoldCopies(@TempDir Path curated)
      throws IOException {
    Configuration conf = new Configuration();
    CuratedWriter writer = new CuratedWriter(curated.toString(), Duration.ofHours(24));

    assertThat(
            new CuratedWriter(curated.resolve("absent").toString(), Duration.ofHours(1))
                .existing(conf))
        .isEqualTo(CuratedWriter.Existing.NONE);
    Files.writeString(curated.resolve("_SUCCESS"), "");
    Files.createDirectories(curated.resolve("_temporary/0"));
    assertThat(writer.existing(conf))
        .as("an empty write's marker and a staging folder are no partition")
        .isEqualTo(CuratedWriter.Existing.NO_PARTITION);
    assertThat(writer.mayHoldCopies(CuratedWriter.Existing.NO_PARTITION)).isFalse();
    assertThat(writer.mayHoldCopies(CuratedWriter.Existing.NONE)).isFalse();

    Files.createDirectories(curated.resolve("dt=2025-11-09/hr=10"));
    assertThat(writer.existing(conf)).isEqualTo(CuratedWriter.Existing.PARTITIONS);
    assertThat(writer.mayHoldCopies(CuratedWriter.Existing.PARTITIONS)).isTrue();
    assertThat(
            new CuratedWriter(curated.toString(), Duration.ZERO)
                .mayHoldCopies(CuratedWriter.Existing.PARTITIONS))
        .as("a window of 0 compares with nothing")
        .isFalse();
  }

  @Test
  void onlyAFolderHoldingNothingButTheCommitMarkerIsRemoved(@TempDir Path dir) throws IOException {
    Configuration conf = new Configuration();
    Path marked = Files.createDirectories(dir.resolve("marked"));
    Files.writeString(marked.resolve("_SUCCESS"), "");
    Path holding = Files.createDirectories(dir.resolve("holding"));
    Files.writeString(holding.resolve("_SUCCESS"), "");
    Files.writeString(holding.resolve("notes.txt"), "a user's file");

    new CuratedWriter(marked.toString(), Duration.ofHours(1)).removeEmptyZone(conf);
    new CuratedWriter(holding.toString(), Duration.ofHours(1)).removeEmptyZone(conf);
    new CuratedWriter(dir.resolve("absent").toString(), Duration.ofHours(1)).removeEmptyZone(conf);

    assertThat(marked).doesNotExist();
    assertThat(holding.resolve("notes.txt")).exists();
  }
}
