package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportTest {
  private static RunReport report(
      long files, List<String> partitions, long duplicates, int unreadable) {
    List<RunReport.UnreadableFile> bad =
        java.util.stream.IntStream.range(0, unreadable)
            .mapToObj(i -> new RunReport.UnreadableFile("f" + i, "Not in GZIP format"))
            .toList();
    return new RunReport(
        "r",
        "2025-11-10T00:00:00Z",
        "raw",
        "curated",
        null,
        List.of("ERROR"),
        files,
        1,
        1,
        0,
        Map.of(),
        0,
        duplicates,
        partitions,
        bad,
        List.of(),
        5,
        null,
        null,
        null);
  }

  @Test
  void theSummarySaysOneFileAndOnePartitionInTheSingular() {
    assertThat(report(1, List.of("dt=2025-11-09/hr=1"), 1, 1).summary())
        .isEqualTo(
            "run r: read 1 record from 1 file, wrote 1 to 1 partition, quarantined 0, filtered out 0,"
                + " removed 1 duplicate, 1 unreadable file, in 5 ms");
    assertThat(report(1440, List.of("a", "b"), 0, 0).summary())
        .contains(
            "from 1,440 files", "to 2 partitions", "removed 0 duplicates", "0 unreadable files");
  }
}
