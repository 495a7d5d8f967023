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
 * The benchmark of issues 5 and 12 (run by {@code scripts/bench.sh} from the project folder,
 * built): for each scale and kind of records (with and without {@code event_id}), generates the
 * data once, runs every {@link Engine} interleaved for the rounds asked, checks that every batch
 * run wrote the same rows per {@code (dt, hr, level, service)} as A's first (and each new-hour run
 * the new hour's rows), and writes the results to {@code bench/results/} as JSON and Markdown
 * (dated, and {@code latest.*}). Exits 1 when rows differ.
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
      for (BenchData data : options.data()) {
        results.add(bench.run(data, options.roundsOf(data.scale())));
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

  /**
   * Runs {@code rounds} rounds of every engine on {@code data}, comparing each batch run with A's
   * first and each new-hour run with the rows the new hour holds.
   */
  private ScaleResult run(BenchData data, int rounds) throws IOException {
    RawData raw =
        RawData.ensure(
            launcher,
            this.data.resolve(data.id()),
            data.id() + " (" + data.records() + " records)",
            data.produceArguments(this.data.resolve(data.id()).toString()),
            launcherEnvironment);
    Path logs = Files.createDirectories(this.data.resolve("logs"));
    if (!warmedUp) {
      warmUp(raw, logs);
    }
    IncrementalVariant incremental =
        IncrementalVariant.ensure(
            launcher, this.data.resolve("incremental").resolve(data.id()), data, raw, duckdb, logs);
    List<ScaleResult.Run> runs = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    RowGroups reference = null;
    for (int round = 1; round <= rounds; round++) {
      for (Engine engine : Engine.values()) {
        Path log = logs.resolve(data.id() + "-" + engine + "-" + round + ".log");
        ScaleResult.Run run;
        List<String> differences;
        if (engine == Engine.A_INCREMENTAL) {
          IncrementalVariant.Measurement measured = incremental.run(log);
          BenchFiles.Tally files = BenchFiles.tally(measured.newPartition(), ".parquet");
          differences =
              measured.rowsWritten() == incremental.expectedRows()
                  ? List.of()
                  : List.of(
                      "wrote "
                          + measured.rowsWritten()
                          + " rows, the new hour holds "
                          + incremental.expectedRows());
          run =
              new ScaleResult.Run(
                  round,
                  engine,
                  measured.wallMillis(),
                  measured.inJobMillis(),
                  measured.peakRssBytes(),
                  files.bytes(),
                  files.files(),
                  measured.rowsWritten(),
                  differences.isEmpty());
        } else {
          Path input = engine == Engine.C_HOUR ? incremental.newHour().folder() : raw.folder();
          EngineRunner.Measurement measured = runner.run(engine, input, outputFolder(engine), log);
          Path curated =
              engine == Engine.A_ICEBERG ? measured.curated().resolve("data") : measured.curated();
          CuratedOutput output = CuratedOutput.read(duckdb, curated, engine == Engine.A_ICEBERG);
          if (engine == Engine.C_HOUR) {
            long rows = output.groups().rows();
            differences =
                rows == incremental.expectedRows()
                    ? List.of()
                    : List.of(
                        "wrote "
                            + rows
                            + " rows, the new hour holds "
                            + incremental.expectedRows());
          } else {
            if (reference == null) {
              reference = output.groups();
            }
            differences = output.groups().differencesFrom(reference, MISMATCHES_SHOWN);
          }
          run =
              new ScaleResult.Run(
                  round,
                  engine,
                  measured.wallMillis(),
                  measured.inJobMillis(),
                  measured.peakRssBytes(),
                  output.bytes(),
                  output.files(),
                  output.groups().rows(),
                  differences.isEmpty());
        }
        for (String difference : differences) {
          mismatches.add(engine + " round " + round + ": " + difference);
        }
        runs.add(run);
        System.out.printf(
            Locale.ROOT,
            "bench: %s round %d/%d %-13s %-25s wall %6.1f s, in-job %6.1f s, peak RSS %,5.0f MiB,"
                + " %,d rows in %d files%s%n",
            data.id(),
            round,
            rounds,
            engine,
            engine.title,
            run.wallMillis() / 1000.0,
            run.inJobMillis() / 1000.0,
            run.peakRssBytes() / ScaleResult.MIB,
            run.rows(),
            run.outputFiles(),
            differences.isEmpty() ? "" : "  ** ROWS DIFFER: " + differences.get(0) + " **");
      }
    }
    return ScaleResult.of(
        data,
        raw,
        incremental.setupMillis() / 1000.0,
        Runtime.getRuntime().availableProcessors(),
        runs,
        mismatches);
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
