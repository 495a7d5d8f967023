package io.loglake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestSession.class)
class CuratedPartitionTest {
  @TempDir Path dir;

  @Test
  void thePathSegmentIsTheRunReportsNameWithAnUnpaddedHour() {
    assertThat(new CuratedPartition(LocalDate.of(2025, 11, 9), 7).pathSegment())
        .isEqualTo("dt=2025-11-09/hr=7");
    assertThat(new CuratedPartition(LocalDate.of(2025, 1, 2), 23).toString())
        .isEqualTo("dt=2025-01-02/hr=23");
  }

  @Test
  void parseReadsWhatPathSegmentWritesAndAPaddedHour() {
    CuratedPartition p = new CuratedPartition(LocalDate.of(2024, 2, 29), 0);
    assertThat(CuratedPartition.parse(p.pathSegment())).isEqualTo(p);
    assertThat(CuratedPartition.parse("dt=2024-02-29/hr=00")).isEqualTo(p);
  }

  @Test
  void parseRefusesWhatIsNotADateAndHour() {
    for (String bad :
        List.of(
            "dt=2025-10-01/hr=x",
            "dt=2025-10-01/hr=24",
            "dt=2025-02-30/hr=1",
            "dt=2025-10-01",
            "hr=1/dt=2025-10-01",
            "dt=2025-10-01/hr=1/",
            "")) {
      assertThatThrownBy(() -> CuratedPartition.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> new CuratedPartition(LocalDate.of(2025, 1, 1), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEpochHourIsHoursSinceTheEpochInUtcAndOrdersPartitionsByTime() {
    long hours = Instant.parse("2025-11-09T10:00:00Z").getEpochSecond() / 3600;
    CuratedPartition p = new CuratedPartition(LocalDate.of(2025, 11, 9), 10);
    assertThat(p.epochHour()).isEqualTo(hours);
    assertThat(CuratedPartition.ofEpochHour(hours)).isEqualTo(p);
    long beforeEpoch = Instant.parse("1969-12-31T23:00:00Z").getEpochSecond() / 3600;
    assertThat(beforeEpoch).isEqualTo(-1);
    assertThat(CuratedPartition.ofEpochHour(-1))
        .isEqualTo(new CuratedPartition(LocalDate.of(1969, 12, 31), 23));

    List<CuratedPartition> sorted =
        Stream.of(
                new CuratedPartition(LocalDate.of(2025, 11, 10), 0),
                new CuratedPartition(LocalDate.of(2025, 11, 9), 10),
                new CuratedPartition(LocalDate.of(2025, 11, 9), 9))
            .sorted()
            .toList();
    assertThat(sorted)
        .extracting(CuratedPartition::pathSegment)
        .containsExactly("dt=2025-11-09/hr=9", "dt=2025-11-09/hr=10", "dt=2025-11-10/hr=0");
  }

  @Test
  void sparkComputesTheSameEpochHourAndWritesTheSameFolders(SparkSession spark) throws IOException {
    var rows =
        spark.sql(
            "SELECT * FROM VALUES (DATE'2025-11-09', 7), (DATE'1969-12-31', 23) AS t("
                + LogSchema.DT
                + ", "
                + LogSchema.HR
                + ")");
    List<Long> epochHours =
        rows
            .selectExpr("CAST(" + CuratedPartition.EPOCH_HOUR_SQL + " AS BIGINT)")
            .collectAsList()
            .stream()
            .map(r -> r.getLong(0))
            .sorted()
            .toList();
    assertThat(epochHours)
        .containsExactly(
            Instant.parse("1969-12-31T23:00:00Z").getEpochSecond() / 3600,
            Instant.parse("2025-11-09T07:00:00Z").getEpochSecond() / 3600);

    Path out = dir.resolve("curated");
    rows.selectExpr("1 AS x", LogSchema.DT, LogSchema.HR)
        .write()
        .partitionBy(LogSchema.PARTITION_COLUMNS.toArray(String[]::new))
        .parquet(out.toString());
    List<String> folders;
    try (Stream<Path> hours =
        Files.list(out).filter(Files::isDirectory).flatMap(CuratedPartitionTest::list)) {
      folders =
          hours
              .filter(Files::isDirectory)
              .map(h -> out.relativize(h).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }
    // The folders Spark's writer names are the segments the run report and the registrar use.
    assertThat(folders)
        .containsExactly(
            new CuratedPartition(LocalDate.of(1969, 12, 31), 23).pathSegment(),
            new CuratedPartition(LocalDate.of(2025, 11, 9), 7).pathSegment());
  }

  private static Stream<Path> list(Path folder) {
    try {
      return Files.list(folder).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
