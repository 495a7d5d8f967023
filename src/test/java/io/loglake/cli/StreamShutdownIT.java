package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.RawLogs;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProgressListener;
import io.loglake.producer.RawZoneFiles;
import io.loglake.testing.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loglake stream} in a child JVM, sent SIGTERM ({@link Process#destroy}) while its first
 * micro-batch is reading: it finishes that batch (its rows and its checkpoint are written), prints
 * the batch's progress line and the summary, and exits 0 — Spark's own shutdown hook, which would
 * stop the SparkContext under the batch, runs only after.
 */
class StreamShutdownIT {
  @TempDir Path dir;

  @Test
  void sigtermMidBatchFinishesTheBatchAndExitsZeroWithASummary() throws Exception {
    Path raw = dir.resolve("raw");
    LogGenerator generator =
        new LogGenerator(
            17,
            new EventSchedule(Instant.parse("2025-11-09T10:00:00Z"), Duration.ofHours(2), 20_000));
    LogProducer.produce(
        new FaultInjector(generator, new FaultInjector.Faults(0.05, 0.05, 0), 17),
        LocalRawZoneSink.forGeneratedData(raw, generator.runSeed()),
        ProgressListener.NONE);
    Path stdout = dir.resolve("stdout.txt");
    Path log = dir.resolve("stderr.txt");
    Process child = start(raw, stdout, log);
    try {
      awaitLogLine(child, log, "EtlJob: run ");

      child.destroy();

      assertThat(child.waitFor(3, TimeUnit.MINUTES))
          .as("exited after SIGTERM; log: %s", read(log))
          .isTrue();
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }

    assertThat(child.exitValue()).as("exit status; log: %s", read(log)).isZero();
    List<String> printed = Files.readAllLines(stdout, StandardCharsets.UTF_8);
    assertThat(printed).as("log: %s", read(log)).hasSize(2);
    assertThat(printed.get(0)).startsWith("batch 0: read ");
    assertThat(printed.get(1)).startsWith("Stream stopped (stop requested) after 1 micro-batches");
    assertThat(dir.resolve("state/checkpoint-00000000000000000001.json")).exists();
    List<RawLogs.Raw> records = new ArrayList<>();
    for (String line : RawZoneFiles.allLines(raw)) {
      RawLogs.parseLine(line).ifPresent(records::add);
    }
    assertThat(curatedRows()).isEqualTo(RawLogs.expectedCuratedRows(records));
  }

  private Map<String, Long> curatedRows() {
    SparkSession spark =
        SparkSession.builder().master("local[1]").appName("stream-shutdown-check").getOrCreate();
    return spark
        .read()
        .parquet(dir.resolve("curated").toString())
        .selectExpr(
            "concat_ws('|', cast(dt as string), cast(hr as string), timestamp, level, service,"
                + " message, user_id, ip, event_id)")
        .as(Encoders.STRING())
        .collectAsList()
        .stream()
        .collect(Collectors.groupingBy(row -> row, Collectors.counting()));
  }

  private Process start(Path raw, Path stdout, Path log) throws IOException {
    List<String> command =
        Launcher.jvmCommand(
            Launcher.writeLogConfig(dir.resolve("log4j2-child.properties"), List.of()));
    command.addAll(
        List.of(
            "stream",
            "--raw",
            raw.toString(),
            "--curated",
            dir.resolve("curated").toString(),
            "--state",
            dir.resolve("state").toString(),
            "--no-register",
            "--trigger",
            "1s",
            "--master",
            "local[2]"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(log.toFile());
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    return builder.start();
  }

  private static void awaitLogLine(Process child, Path log, String text)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (read(log).contains(text)) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("stream exited with " + child.exitValue() + ":\n" + read(log));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no '" + text + "' in the log within 3 minutes:\n" + read(log));
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
