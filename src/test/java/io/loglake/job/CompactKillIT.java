package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.RawLogs;
import io.loglake.config.EtlConfig;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProgressListener;
import io.loglake.testing.CuratedRows;
import io.loglake.testing.Launcher;
import io.loglake.testing.SparkTestSession;
import io.loglake.write.ParquetCompactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of a parquet compaction through a real {@code kill -9}: a table of many small files
 * (four etl runs over four quarters of a raw zone) is copied, {@code loglake compact} runs on the
 * copy in a child JVM and is killed ({@link Process#destroyForcibly()}) a seeded random delay after
 * its log shows the staging or the moves started, then {@code loglake compact} runs again to the
 * end. The rows a reader counts (visible Parquet files, read with DuckDB) must then equal those
 * computed from the .gz files with plain Java + Jackson ({@link RawLogs}), with no staging or
 * manifest left and one file per partition.
 */
@ExtendWith(SparkTestSession.class)
class CompactKillIT {
  private static final long SEED = 20251201L;
  private static final int KILLS = 6;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** Where a kill lands: a line the compaction logs, plus a random delay up to this long. */
  private enum Phase {
    STAGING("staging the rows of", 3_000),
    MOVING("manifest written, moving", 40);

    final String logLine;
    final int maxDelayMillis;

    Phase(String logLine, int maxDelayMillis) {
      this.logLine = logLine;
      this.maxDelayMillis = maxDelayMillis;
    }
  }

  @Test
  void aKilledCompactionRunAgainLeavesEveryRowExactlyOnce(SparkSession spark) throws Exception {
    Path raw = dir.resolve("raw");
    LogGenerator generator =
        new LogGenerator(
            5, new EventSchedule(Instant.parse("2025-11-09T10:00:00Z"), Duration.ofHours(3), 6000));
    LogProducer.produce(
        new FaultInjector(generator, new FaultInjector.Faults(0.05, 0.05, 0), 5),
        LocalRawZoneSink.forGeneratedData(raw, generator.runSeed()),
        ProgressListener.NONE);
    Map<String, Long> expected = RawLogs.expectedCuratedRows(RawLogs.read(raw));
    Path base = dir.resolve("base");
    List<Path> files = walk(raw).stream().filter(p -> p.toString().endsWith(".gz")).toList();
    for (int batch = 0; batch < 4; batch++) {
      Path root = dir.resolve("batch-" + batch);
      for (int i = batch; i < files.size(); i += 4) {
        Path target = root.resolve(raw.relativize(files.get(i)));
        Files.createDirectories(target.getParent());
        Files.copy(files.get(i), target);
      }
      EtlJob.run(
          spark,
          EtlConfig.builder()
              .rawPath(root.toString())
              .curatedPath(base.toString())
              .noRegister()
              .build());
    }
    assertThat(CuratedRows.visibleParquet(base)).as("the table before").isEqualTo(expected);
    int filesBefore = CuratedRows.visibleParquetFiles(base).size();

    Random random = new Random(SEED);
    List<String> killLog = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      Phase phase = Phase.values()[kill % Phase.values().length];
      Path curated = dir.resolve("curated-" + kill);
      copyTree(base, curated);
      Path log = dir.resolve("compact-" + kill + ".log");
      Process child = startCompact(curated, log);
      String what;
      try {
        long delay = random.nextInt(phase.maxDelayMillis);
        if (awaitLogLine(child, log, phase.logLine)
            && !child.waitFor(delay, TimeUnit.MILLISECONDS)) {
          child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          what = String.format("SIGKILL %d ms into %s", delay, phase);
        } else {
          what = "exited " + child.exitValue() + " before the kill meant for " + phase;
        }
      } finally {
        if (child.isAlive()) {
          child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
      Map<String, Long> seen = CuratedRows.visibleParquet(curated);
      long seenRows = seen.values().stream().mapToLong(Long::longValue).sum();
      killLog.add(
          String.format(
              "kill %d: %s; a reader then counts %d rows (%d expected), %d visible files, hidden: %s",
              kill,
              what,
              seenRows,
              expected.size(),
              CuratedRows.visibleParquetFiles(curated).size(),
              hiddenLeftovers(curated)));

      Path again = dir.resolve("compact-" + kill + "-again.log");
      Process rerun = startCompact(curated, again);
      assertThat(rerun.waitFor(3, TimeUnit.MINUTES)).as("rerun finished; log %s", again).isTrue();
      assertThat(rerun.exitValue())
          .as("rerun exit; log:%n%s", Files.readString(again, StandardCharsets.UTF_8))
          .isZero();
      assertThat(CuratedRows.visibleParquet(curated))
          .as("rows after %s and a rerun", what)
          .isEqualTo(expected);
      assertThat(hiddenLeftovers(curated)).as("staging left").isEmpty();
      Path state = Path.of(EtlConfig.defaultStatePath(curated.toString()));
      assertThat(walk(state))
          .as("compaction state left (the etl runs' run history stays: RunHistoryTest)")
          .filteredOn(file -> !file.startsWith(state.resolve(RunHistory.FOLDER)))
          .isEmpty();
      assertThat(CuratedRows.visibleParquetFiles(curated).size()).isLessThan(filesBefore);
    }
    System.out.println(String.join("\n", killLog));
  }

  private Process startCompact(Path curated, Path log) throws IOException {
    List<String> command =
        Launcher.jvmCommand(
            Launcher.writeLogConfig(dir.resolve("log4j2-child.properties"), List.of()));
    command.addAll(
        List.of(
            "compact",
            "--curated",
            curated.toString(),
            "--no-register",
            "--older-than",
            "0",
            "--master",
            "local[2]"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    return builder.start();
  }

  private static boolean awaitLogLine(Process child, Path log, String line)
      throws IOException, InterruptedException {
    while (true) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
        return true;
      }
      if (child.waitFor(10, TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
  }

  /** Files a reader skips by name, other than checksums and Spark's markers. */
  private static List<String> hiddenLeftovers(Path curated) {
    return CuratedRows.hiddenLeftovers(curated).stream()
        .filter(p -> p.startsWith(ParquetCompactor.STAGING_FOLDER))
        .toList();
  }

  private static List<Path> walk(Path root) {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    for (Path file : walk(from)) {
      Path target = to.resolve(from.relativize(file));
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
  }
}
