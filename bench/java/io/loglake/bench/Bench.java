package io.loglake.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark of issue 5 (run by {@code scripts/bench.sh} from the project folder, built): for
 * each scale, generates the data once, runs A B C interleaved for the rounds asked, checks that
 * every run wrote the same rows per {@code (dt, hr, level, service)} as A's first, and writes the
 * results to {@code bench/results/} as JSON and Markdown (dated, and {@code latest.*}). Exits 1
 * when rows differ.
 */
public final class Bench {
  private static final int MISMATCHES_SHOWN = 10;

  private final Path data;
  private final Map<String, String> launcherEnvironment;
  private final Path launcher;
  private final EngineRunner runner;
  private final Connection duckdb;
  private boolean warmedUp;

  private Bench(Path root, Connection duckdb) {
    this.data = root.resolve("bench/data");
    this.launcherEnvironment =
        Map.of("LOGLAKE_HOME", data.resolve("home").toString(), "LOGLAKE_NO_BUILD", "1");
    this.launcher = root.resolve("scripts/loglake");
    this.runner = new EngineRunner(root, launcherEnvironment);
    this.duckdb = duckdb;
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    Path root = Path.of("").toAbsolutePath();
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String loadAtStart = loadAverage();
    List<ScaleResult> results = new ArrayList<>();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      Bench bench = new Bench(root, duckdb);
      for (Scale scale : options.scales()) {
        results.add(bench.run(scale, options.roundsOf(scale)));
      }
    }
    BenchResult result =
        new BenchResult(
            started.toString(),
            ("scripts/bench.sh " + String.join(" ", args)).trim(),
            System.getenv().getOrDefault("BENCH_REVISION", "unknown"),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            loadAtStart,
            loadAverage(),
            results,
            TargetCheck.evaluate(results));
    String markdown = MarkdownReport.render(result);
    Path resultsFolder = root.resolve("bench/results");
    String name =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(started);
    write(resultsFolder, name, result, markdown);
    write(resultsFolder, "latest", result, markdown);
    System.out.println();
    System.out.print(markdown);
    System.out.println();
    System.out.println("bench: results in " + resultsFolder.resolve(name + ".md") + " and .json");
    if (!result.rowsMatch()) {
      System.err.println("bench: ROWS DIFFER between the engines: see the table above");
      System.exit(1);
    }
  }

  /** Runs {@code rounds} rounds of A B C at {@code scale}, comparing each run with A's first. */
  private ScaleResult run(Scale scale, int rounds) throws IOException {
    RawData raw = RawData.ensure(launcher, data.resolve(scale.id), scale, launcherEnvironment);
    Path logs = Files.createDirectories(data.resolve("logs"));
    if (!warmedUp) {
      warmUp(raw, logs);
    }
    List<ScaleResult.Run> runs = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    RowGroups reference = null;
    for (int round = 1; round <= rounds; round++) {
      for (Engine engine : Engine.values()) {
        Path log = logs.resolve(scale.id + "-" + engine + "-" + round + ".log");
        EngineRunner.Measurement measured =
            runner.run(engine, raw.folder(), outputFolder(engine), log);
        CuratedOutput output = CuratedOutput.read(duckdb, measured.curated());
        if (reference == null) {
          reference = output.groups();
        }
        List<String> differences = output.groups().differencesFrom(reference, MISMATCHES_SHOWN);
        for (String difference : differences) {
          mismatches.add(engine + " round " + round + ": " + difference);
        }
        runs.add(
            new ScaleResult.Run(
                round,
                engine,
                measured.wallMillis(),
                measured.inJobMillis(),
                measured.peakRssBytes(),
                output.bytes(),
                output.files(),
                output.groups().rows(),
                differences.isEmpty()));
        System.out.printf(
            Locale.ROOT,
            "bench: %s round %d/%d %s %-17s wall %6.1f s, in-job %6.1f s, peak RSS %,5.0f MiB,"
                + " %,d rows in %d files%s%n",
            scale.id,
            round,
            rounds,
            engine,
            engine.title,
            measured.wallMillis() / 1000.0,
            measured.inJobMillis() / 1000.0,
            measured.peakRssBytes() / ScaleResult.MIB,
            output.groups().rows(),
            output.files(),
            differences.isEmpty() ? "" : "  ** ROWS DIFFER FROM A's FIRST RUN **");
      }
    }
    return ScaleResult.of(scale, raw, Runtime.getRuntime().availableProcessors(), runs, mismatches);
  }

  /**
   * One untimed run of A on an hour of data before the first round. The launcher's first run after
   * a build records a class-data sharing archive that every later run maps: timed runs then see
   * what every run of a user's but the first sees.
   */
  private void warmUp(RawData raw, Path logs) {
    Path hour = raw.folder().resolve(Scale.FIRST_HOUR_FOLDER);
    System.out.println("bench: warm-up run of A on " + hour + " (untimed)...");
    runner.run(Engine.A, hour, outputFolder(Engine.A), logs.resolve("warm-up-A.log"));
    warmedUp = true;
  }

  /** Where an engine writes: always the same folder, as A registers it as its curated table. */
  private Path outputFolder(Engine engine) {
    return data.resolve("out").resolve(engine.name());
  }

  /** The load averages over 1, 5 and 15 minutes, or "unknown" off Linux. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", fields[0], fields[1], fields[2]);
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void write(Path folder, String name, BenchResult result, String markdown)
      throws IOException {
    String json =
        new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(result);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(name + ".md"), markdown);
    Files.writeString(folder.resolve(name + ".json"), json + "\n");
  }
}
