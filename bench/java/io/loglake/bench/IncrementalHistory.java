package io.loglake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The raw histories of the incremental benchmark and the tables built on them, each made once and
 * kept under {@code bench/data/incremental/<sizes>/} ({@code <folder>.complete} marks one done).
 *
 * <p>{@code staging/}: the long history's raw zone, {@code loglake produce --sink local} over the
 * days before {@link #NEW_HOUR}. {@code prepared/<format>-<days>d/}: a history as production would
 * have left it, built by {@code etl --incremental} runs, each after the next {@code step} hours of
 * raw folders appeared (hard links into the staging zone); the short history is the long one's last
 * day. {@code new-hour/}: the hour the timed run processes. Loglake writes absolute paths (the
 * state's raw root, Iceberg's metadata, the metastore), so a history is built, and each round runs,
 * in {@code work/<format>-<days>d/}, restored from {@code prepared/} before every round.
 */
final class IncrementalHistory {
  /** The hour after every history: the timed run's new arrival hour. */
  static final Instant NEW_HOUR = Instant.parse("2025-11-09T00:00:00Z");

  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What building one history cost: runs of {@code etl --incremental} and their wall time. */
  record Setup(String format, int days, int runs, long wallMillis) {}

  private final Path launcher;
  private final Path base;
  private final IncrementalOptions options;

  IncrementalHistory(Path launcher, Path base, IncrementalOptions options) {
    this.launcher = launcher;
    this.base = base;
    this.options = options;
  }

  Path work(String format, int days) {
    return base.resolve("work").resolve(format + "-" + days + "d");
  }

  Path newHour() {
    return base.resolve("new-hour");
  }

  Path logs() throws IOException {
    return Files.createDirectories(base.resolve("logs"));
  }

  /** What the launcher gets for runs in {@code work}: its own metastore, no build. */
  static Map<String, String> environment(Path work) {
    return Map.of("LOGLAKE_HOME", work.resolve("home").toString(), "LOGLAKE_NO_BUILD", "1");
  }

  /** Generates the long history's raw zone and the new hour, unless kept from an earlier run. */
  void generate() throws IOException {
    int hours = options.longDays() * 24;
    produce(
        base.resolve("staging"),
        (long) options.recordsPerHour() * hours,
        NEW_HOUR.minus(Duration.ofHours(hours)),
        hours + "h",
        "1");
    produce(newHour(), options.recordsPerHour(), NEW_HOUR, "1h", "2");
  }

  private void produce(Path out, long records, Instant start, String span, String seed)
      throws IOException {
    Path marker = marker(out);
    if (Files.exists(marker)) {
      return;
    }
    System.out.printf(
        "bench: generating %,d records from %s over %s into %s...%n", records, start, span, out);
    BenchFiles.deleteRecursively(out);
    List<String> command =
        List.of(
            launcher.toString(),
            "produce",
            "--sink",
            "local",
            "--out",
            out.toString(),
            "--records",
            Long.toString(records),
            "--start",
            start.toString(),
            "--span",
            span,
            "--seed",
            seed,
            "--late-fraction",
            "0.05",
            "--duplicate-fraction",
            "0.01");
    Path log = logs().resolve("produce-" + out.getFileName() + ".log");
    MeasuredProcess.Result result = MeasuredProcess.run(command, environment(base), log);
    check(result, "generate " + out, log);
    Files.createFile(marker);
  }

  /**
   * Builds the {@code days} history of {@code format} unless kept: {@code etl --incremental} once
   * per {@code step} hours of raw folders, oldest first, then kept in {@code prepared/}.
   */
  Setup ensure(String format, int days) throws IOException {
    Path prepared = base.resolve("prepared").resolve(format + "-" + days + "d");
    Path setupFile = prepared.resolveSibling(prepared.getFileName() + ".setup.json");
    if (Files.exists(marker(prepared))) {
      JsonNode setup = JSON.readTree(setupFile.toFile());
      return new Setup(format, days, setup.path("runs").asInt(), setup.path("wall_ms").asLong());
    }
    Path work = work(format, days);
    BenchFiles.deleteRecursively(work);
    Path raw = Files.createDirectories(work.resolve("raw"));
    Path staging = base.resolve("staging");
    int step = options.historyStepHours();
    int runs = 0;
    long wall = 0;
    Instant from = NEW_HOUR.minus(Duration.ofDays(days));
    for (Instant hour = from; hour.isBefore(NEW_HOUR); ) {
      for (int i = 0; i < step; i++, hour = hour.plus(Duration.ofHours(1))) {
        Path folder = staging.resolve(HOUR_FOLDER.format(hour));
        if (Files.isDirectory(folder)) {
          Path target = raw.resolve(HOUR_FOLDER.format(hour));
          Files.createDirectories(target.getParent());
          shell(List.of("cp", "-al", folder.toString(), target.toString()));
        }
      }
      Path log = logs().resolve("setup-" + format + "-" + days + "d.log");
      MeasuredProcess.Result result =
          MeasuredProcess.run(
              etl(work, format, work.resolve("setup-report.json")), environment(work), log);
      check(
          result,
          "build the " + days + "-day " + format + " history (run " + (runs + 1) + ")",
          log);
      runs++;
      wall += result.wallMillis();
      if (runs % 10 == 0) {
        System.out.printf(
            "bench: %s %dd history: %d runs, %.0f s so far%n", format, days, runs, wall / 1000.0);
      }
    }
    System.out.printf(
        "bench: built the %d-day %s history: %d runs of etl --incremental in %.1f s%n",
        days, format, runs, wall / 1000.0);
    BenchFiles.deleteRecursively(prepared);
    Files.createDirectories(prepared.getParent());
    shell(List.of("cp", "-a", work.toString(), prepared.toString()));
    Files.writeString(
        setupFile, JSON.writeValueAsString(Map.of("runs", runs, "wall_ms", wall)) + "\n");
    Files.createFile(marker(prepared));
    return new Setup(format, days, runs, wall);
  }

  /**
   * Restores the prepared history into its work folder, adds the new hour and resends one object of
   * the hour before it (a Firehose retry: the same records in a new object); returns the records
   * that object holds.
   */
  long restoreWithNewHour(String format, int days) throws IOException {
    Path prepared = base.resolve("prepared").resolve(format + "-" + days + "d");
    Path work = work(format, days);
    BenchFiles.deleteRecursively(work);
    Files.createDirectories(work);
    try (Stream<Path> children = Files.list(prepared)) {
      for (Path child : children.toList()) {
        // The raw objects are never changed: links keep their times, which the state compares.
        String flags = child.getFileName().toString().equals("raw") ? "-al" : "-a";
        shell(List.of("cp", flags, child.toString(), work.resolve(child.getFileName()).toString()));
      }
    }
    Path raw = work.resolve("raw");
    shell(List.of("cp", "-a", newHour() + "/.", raw + "/"));
    Path before = raw.resolve(HOUR_FOLDER.format(NEW_HOUR.minus(Duration.ofHours(1))));
    Path resent;
    try (Stream<Path> objects = Files.list(before)) {
      resent = objects.filter(p -> p.toString().endsWith(".gz")).sorted().findFirst().orElseThrow();
    }
    String name = resent.getFileName().toString();
    Path copy =
        raw.resolve(HOUR_FOLDER.format(NEW_HOUR))
            .resolve(name.substring(0, name.length() - 3) + "-resent.gz");
    shell(List.of("cp", resent.toString(), copy.toString()));
    return records(copy);
  }

  /** The launcher's {@code etl --incremental} over the raw zone of {@code work}. */
  List<String> etl(Path work, String format, Path report) {
    return etl(launcher, work, format, report);
  }

  /** {@code launcher etl --incremental} over {@code work/raw} into {@code work/curated}. */
  static List<String> etl(Path launcher, Path work, String format, Path report) {
    return List.of(
        launcher.toString(),
        "etl",
        "--incremental",
        "--raw",
        work.resolve("raw").toString(),
        "--curated",
        work.resolve("curated").toString(),
        "--format",
        format,
        "--report",
        report.toString());
  }

  private static long records(Path gz) throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      return in.lines().filter(line -> !line.isBlank()).count();
    }
  }

  private static Path marker(Path folder) {
    return folder.resolveSibling(folder.getFileName() + ".complete");
  }

  static void check(MeasuredProcess.Result result, String what, Path log) {
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "Cannot " + what + ": exit " + result.exitCode() + "; the output is in " + log);
    }
  }

  static void shell(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).inheritIO().start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("Cannot run " + String.join(" ", command));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command.get(0), e);
    }
  }

  /** The files of a run's work folder that a slower long run could blame. */
  record Tally(int curatedDataFiles, int icebergMetadataFiles, long stateBytes) {}

  static Tally tally(Path work) {
    Path curated = work.resolve("curated");
    int data = BenchFiles.tally(curated, ".parquet").files();
    Path metadata = curated.resolve("metadata");
    int meta =
        Files.isDirectory(metadata)
            ? BenchFiles.tally(metadata, ".avro").files()
                + BenchFiles.tally(metadata, ".metadata.json").files()
            : 0;
    long state = 0;
    Path stateFolder = work.resolve("_loglake_state");
    if (Files.isDirectory(stateFolder)) {
      List<Long> sizes = new ArrayList<>();
      try (Stream<Path> files = Files.list(stateFolder)) {
        for (Path file :
            files
                .filter(p -> p.getFileName().toString().startsWith("checkpoint-"))
                .sorted()
                .toList()) {
          sizes.add(Files.size(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + stateFolder, e);
      }
      state = sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1);
    }
    return new Tally(data, meta, state);
  }
}
