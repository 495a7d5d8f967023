package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.producer.GeneratorConfig;
import io.loglake.producer.LogGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/loglake produce --sink local} with no end, stopped by SIGTERM ({@link
 * Process#destroy}) once it has written its first object: the README promises it flushes what is
 * buffered and prints the counts, so the raw zone holds exactly the first N generated records, N
 * being the count printed, in whole objects.
 */
class ProduceShutdownIT {
  private static final Instant START = Instant.parse("2025-11-09T00:00:00Z");
  private static final int RATE = 500;
  private static final long SEED = 11;
  private static final Pattern SUMMARY =
      Pattern.compile("^Produced (\\d+) records into (\\d+) objects: .* under (.+)$");
  private static final Pattern OBJECT =
      Pattern.compile(
          "\\d{4}/\\d{2}/\\d{2}/\\d{2}/realtime-log-stream-1-[0-9-]{19}-[0-9a-f-]{36}\\.gz");

  @TempDir Path dir;

  @Test
  void sigtermFlushesTheBufferedRecordsAndPrintsTheCounts() throws Exception {
    Path out = dir.resolve("raw");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of("scripts/loglake").toAbsolutePath().toString(),
                "produce",
                "--sink",
                "local",
                "--out",
                out.toString(),
                "--seed",
                String.valueOf(SEED),
                "--start",
                START.toString(),
                "--rate",
                String.valueOf(RATE),
                // About 70 records an object: at any moment some are buffered, not yet written.
                "--buffer-size",
                "16384")
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().put("LOGLAKE_HOME", dir.resolve("home").toString());
    builder.environment().put("LOGLAKE_NO_BUILD", "1");
    builder.environment().put("LOGLAKE_NO_CDS", "1");
    Process process = builder.start();
    try {
      awaitFirstObject(process, out, stderr);

      process.destroy();

      assertThat(process.waitFor(2, TimeUnit.MINUTES))
          .as("exited after SIGTERM; stderr: %s", read(stderr))
          .isTrue();
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }

    List<String> printed = Files.readAllLines(stdout, StandardCharsets.UTF_8);
    assertThat(printed).as("stderr: %s", read(stderr)).hasSize(1);
    Matcher summary = SUMMARY.matcher(printed.get(0));
    assertThat(summary.matches()).as(printed.get(0)).isTrue();
    int records = Integer.parseInt(summary.group(1));
    int objects = Integer.parseInt(summary.group(2));
    assertThat(summary.group(3)).isEqualTo(out.toString());

    List<String> keys = files(out);
    assertThat(keys)
        .as("every file a whole object, none half-written")
        .allMatch(key -> OBJECT.matcher(key).matches());
    assertThat(keys).hasSize(objects);
    List<String> stored = new ArrayList<>();
    for (String key : keys) {
      stored.addAll(lines(out.resolve(key)));
    }
    List<String> expected = firstGenerated(records);
    assertThat(stored).hasSize(records);
    assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** The first {@code count} records of the run: --rate 500 spaces events 2 ms apart. */
  private static List<String> firstGenerated(int count) {
    LogGenerator generator =
        new LogGenerator(
            GeneratorConfig.defaults(), SEED, START, Duration.ofNanos(1_000_000_000L / RATE));
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add(generator.next().json());
    }
    return lines;
  }

  private static void awaitFirstObject(Process process, Path out, Path stderr)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "produce exited with " + process.exitValue() + " before writing:\n" + read(stderr));
      }
      try {
        if (Files.isDirectory(out)
            && files(out).stream().anyMatch(key -> OBJECT.matcher(key).matches())) {
          return;
        }
      } catch (IOException | UncheckedIOException renamedWhileListed) {
        // A temporary file renamed while the folder was walked: look again.
      }
      Thread.sleep(50);
    }
    throw new AssertionError("produce wrote no object within 3 minutes:\n" + read(stderr));
  }

  /** Every regular file under {@code root}, hidden temporary ones too, '/'-separated. */
  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static List<String> lines(Path object) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
