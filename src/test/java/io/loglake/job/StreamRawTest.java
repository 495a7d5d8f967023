package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.RawLogs;
import io.loglake.config.EtlConfig;
import io.loglake.config.StreamConfig;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProgressListener;
import io.loglake.producer.RawZoneFiles;
import io.loglake.testing.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loglake stream --source raw}: hour folders land in the raw zone between triggers (their
 * records with late events and resent duplicates, and a resent object in a later folder), and the
 * stream's curated table then equals one full {@code etl} run over the whole raw zone, and the rows
 * computed with plain Java and Jackson from the .gz files ({@link RawLogs#parseLine}); a trigger
 * with nothing new writes nothing and keeps no report.
 */
@ExtendWith(SparkTestSession.class)
class StreamRawTest {
  private static final String[] HOURS = {"2025/11/09/10", "2025/11/09/11", "2025/11/09/12"};

  @TempDir Path dir;

  private Path staging() {
    return dir.resolve("staging");
  }

  private Path raw() {
    return dir.resolve("raw");
  }

  private StreamConfig config(int maxBatches) {
    EtlConfig etl =
        EtlConfig.builder()
            .rawPath(raw().toString())
            .curatedPath(dir.resolve("curated").toString())
            .statePath(dir.resolve("state").toString())
            .noRegister()
            .incremental(true)
            .build();
    return new StreamConfig(
        etl, StreamConfig.Source.RAW, null, null, true, Duration.ofMillis(1), maxBatches, false);
  }

  private static Map<String, Long> rows(SparkSession spark, String curated) {
    Map<String, Long> counts = new HashMap<>();
    for (String row :
        spark
            .read()
            .parquet(curated)
            .selectExpr(
                "concat_ws('|', cast(dt as string), cast(hr as string), timestamp, level, service,"
                    + " message, user_id, ip, event_id)")
            .as(Encoders.STRING())
            .collectAsList()) {
      counts.merge(row, 1L, Long::sum);
    }
    return counts;
  }

  /** Moves the staged hour folder {@code hour} into the raw zone, plus a resent earlier object. */
  private void land(int index) {
    try {
      Path target = raw().resolve(HOURS[index]);
      Files.createDirectories(target.getParent());
      Files.move(staging().resolve(HOURS[index]), target);
      if (index > 0) {
        Path earlier;
        try (Stream<Path> files = Files.list(raw().resolve(HOURS[index - 1]))) {
          earlier = files.sorted().findFirst().orElseThrow();
        }
        Files.copy(earlier, target.resolve("resent-" + earlier.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void hoursLandingBetweenTriggersEndAsOneFullEtlRun(SparkSession spark) throws IOException {
    LogGenerator generator =
        new LogGenerator(
            13,
            new EventSchedule(Instant.parse("2025-11-09T10:00:00Z"), Duration.ofHours(3), 4000));
    LogProducer.produce(
        new FaultInjector(generator, new FaultInjector.Faults(0.05, 0.05, 0.01), 13),
        LocalRawZoneSink.forGeneratedData(staging(), generator.runSeed()),
        ProgressListener.NONE);
    land(0);
    List<String> progress = new ArrayList<>();
    int[] landed = {1};

    // Batch 0 reads hour 10; hours 11 and 12 land after batches 0 and 1; batch 3 finds nothing.
    StreamJob.Summary summary =
        StreamJob.run(
            spark,
            config(4),
            () -> false,
            line -> {
              progress.add(line);
              if (landed[0] < HOURS.length) {
                land(landed[0]++);
              }
            });

    assertThat(summary.batches()).isEqualTo(4);
    assertThat(summary.stopped()).isEqualTo("max batches");
    assertThat(progress).hasSize(4);
    assertThat(progress.get(3)).startsWith("batch 3: read 0 records, wrote 0");
    assertThat(summary.duplicates()).isPositive();
    RunReport full =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .rawPath(raw().toString())
                .curatedPath(dir.resolve("full").toString())
                .noRegister()
                .build());
    Map<String, Long> streamed = rows(spark, dir.resolve("curated").toString());
    assertThat(streamed).isEqualTo(rows(spark, dir.resolve("full").toString()));
    List<RawLogs.Raw> records = new ArrayList<>();
    for (String line : RawZoneFiles.allLines(raw())) {
      RawLogs.parseLine(line).ifPresent(records::add);
    }
    assertThat(streamed).isEqualTo(RawLogs.expectedCuratedRows(records));
    assertThat(summary.written()).isEqualTo(full.recordsWritten());
    assertThat(summary.quarantined()).isEqualTo(full.recordsQuarantined()).isPositive();
    try (Stream<Path> reports = Files.list(dir.resolve("state/stream/reports"))) {
      assertThat(reports.count()).as("a report per batch that read").isEqualTo(3);
    }
  }
}
