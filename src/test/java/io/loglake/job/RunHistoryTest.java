package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.quality.QualityReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run history: one file per report, newest first, pruned, and reports that read back equal. */
class RunHistoryTest {
  @TempDir Path dir;

  private static RunReport report(String runId) {
    return new RunReport(
        runId,
        "2026-12-01T10:00:00Z",
        "file:/raw",
        "file:/curated",
        null,
        List.of("ERROR", "WARN"),
        2,
        10,
        7,
        1,
        Map.of("malformed_json", 1L),
        2,
        0,
        List.of("dt=2026-12-01/hr=9"),
        List.of(),
        List.of(),
        1234,
        null,
        null,
        null);
  }

  /** A report with every optional part: incremental state, compaction, a quality check. */
  private static RunReport full() {
    QualityReport quality =
        new QualityReport(
            "20261201T100000Z-abcd1234",
            List.of("dt=2026-12-01/hr=9", "dt=2026-12-01/hr=10"),
            List.of(
                new QualityReport.Rule(
                    "quarantine_rate",
                    QualityReport.Status.PASS,
                    0.1,
                    0.01,
                    "0.1000 = 1 of 10",
                    List.of()),
                new QualityReport.Rule(
                    "gap", QualityReport.Status.FAIL, 1.0, 0, "1 of 2 hours", List.of("x")),
                new QualityReport.Rule(
                    "volume", QualityReport.Status.SKIP, null, 0, "nothing", List.of())));
    return new RunReport(
        "20261201T100000Z-abcd1234",
        "2026-12-01T10:00:00Z",
        "file:/raw",
        "file:/curated",
        "file:/_quarantine/run_id=20261201T100000Z-abcd1234",
        List.of("ERROR", "WARN"),
        3,
        10,
        5,
        1,
        Map.of("malformed_json", 1L),
        2,
        2,
        List.of("dt=2026-12-01/hr=9", "dt=2026-12-01/hr=10"),
        List.of(new RunReport.UnreadableFile("file:/raw/x.gz", "Not in GZIP format")),
        List.of("a warning"),
        1234,
        new RunReport.Incremental(
            "file:/state",
            null,
            "checkpoint-00000000000000000001.json",
            "2026120107",
            null,
            4,
            12,
            3,
            1),
        new CompactionReport(
            "parquet",
            "2026-12-01T07:00:00Z",
            true,
            List.of("dt=2026-12-01/hr=6"),
            4,
            1,
            0,
            0,
            0,
            88),
        quality);
  }

  @Test
  void aReportReadBackFromItsJsonEqualsTheOneWritten() {
    RunReport full = full();
    assertThat(RunReport.fromJson(full.toJson())).isEqualTo(full);
    RunReport plain = report("20261201T100000Z-00000001");
    assertThat(RunReport.fromJson(plain.toJson())).isEqualTo(plain);
    assertThatThrownBy(() -> RunReport.fromJson("{\"x\": 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run_id");
    assertThatThrownBy(() -> RunReport.fromJson("{not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsAreReadNewestFirstAcrossFoldersBoundedByTheLimit() {
    Configuration conf = new Configuration();
    String etl = RunHistory.etlFolder(dir.resolve("state").toString());
    String stream = RunHistory.streamFolder(dir.resolve("state").toString() + "/");
    assertThat(etl).isEqualTo(dir.resolve("state/reports").toString());
    assertThat(stream).isEqualTo(dir.resolve("state/stream/reports").toString());
    new RunHistory(conf, etl, 10).write(report("20261201T100000Z-aaaaaaaa"));
    new RunHistory(conf, stream, 10).write(report("20261201T110000Z-batch3-bbbbbbbb"));
    new RunHistory(conf, etl, 10).write(report("20261201T120000Z-cccccccc"));

    List<RunReport> newest = RunHistory.read(conf, List.of(etl, stream), 2);

    assertThat(newest)
        .extracting(RunReport::runId)
        .containsExactly("20261201T120000Z-cccccccc", "20261201T110000Z-batch3-bbbbbbbb");
    assertThat(newest.get(0)).isEqualTo(report("20261201T120000Z-cccccccc"));
    assertThat(RunHistory.read(conf, RunHistory.folders(dir.resolve("state").toString()), 10))
        .hasSize(3);
    assertThat(RunHistory.read(conf, List.of(dir.resolve("none").toString()), 10)).isEmpty();
  }

  @Test
  void onlyTheNewestKeptReportsStayOneFileEachAndAForeignFileIsSkipped() throws Exception {
    Configuration conf = new Configuration();
    Path folder = dir.resolve("reports");
    RunHistory history = new RunHistory(conf, folder.toString(), 3);
    List<String> ids = new ArrayList<>();
    IntStream.range(0, 5)
        .forEach(i -> ids.add(String.format("20261201T%02d0000Z-0000000%d", 10 + i, i)));
    // Written out of order: the names (start times), not the writes, decide what is newest.
    for (int i : new int[] {3, 0, 4, 1, 2}) {
      history.write(report(ids.get(i)));
    }

    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(ids.get(2) + ".json", ids.get(3) + ".json", ids.get(4) + ".json");
    }
    Files.writeString(folder.resolve("20991231T000000Z-zzzz.json"), "not a report");
    assertThat(RunHistory.read(conf, List.of(folder.toString()), 2))
        .extracting(RunReport::runId)
        .containsExactly(ids.get(4), ids.get(3));
    // A report is never overwritten: the same run id twice is a failure, not a silent rewrite.
    assertThatThrownBy(() -> history.write(report(ids.get(4))))
        .isInstanceOf(LoglakeException.class)
        .hasMessageStartingWith("Cannot keep the run report");
  }
}
