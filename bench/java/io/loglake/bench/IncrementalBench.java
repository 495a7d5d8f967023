package io.loglake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loglake.catalog.RawLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The incremental benchmark of issue 10 (run by {@code scripts/bench-incremental.sh} from the
 * project folder, built): one new arrival hour processed by one {@code etl --incremental} on top of
 * a short (1 day) and a long (30 days) history, per table format, interleaved for several rounds;
 * the long run's median cost against the short one's (target: at most {@link
 * IncrementalResult#TARGET_RATIO} times). Each run is checked to write exactly the new hour's rows.
 * Results go to {@code bench/results/incremental-<time>.*} and {@code incremental-latest.*}. Exits
 * 1 when a run wrote other rows than expected (a missed target is reported, not an error).
 */
public final class IncrementalBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IncrementalBench() {}

  public static void main(String[] args) throws Exception {
    IncrementalOptions options;
    try {
      options = IncrementalOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(IncrementalOptions.USAGE);
      System.exit(2);
      return;
    }
    Path root = Path.of("").toAbsolutePath();
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String loadAtStart = loadAverage();
    IncrementalHistory history =
        new IncrementalHistory(
            root.resolve("scripts/loglake"),
            root.resolve("bench/data/incremental").resolve(options.sizeId()),
            options);
    history.generate();
    List<RawLogs.Raw> newHour = RawLogs.read(history.newHour());
    long expected = RawLogs.expectedCuratedRows(newHour).size();

    List<IncrementalHistory.Setup> setups = new ArrayList<>();
    for (String format : options.formats()) {
      for (int days : options.historyDays()) {
        setups.add(history.ensure(format, days));
      }
    }
    // The launcher's class-data sharing archive is recorded by its first run after a build.
    String firstFormat = options.formats().get(0);
    System.out.println("bench: warm-up run (untimed)...");
    history.restoreWithNewHour(firstFormat, options.shortDays());
    Path warmUpWork = history.work(firstFormat, options.shortDays());
    Path warmUpLog = history.logs().resolve("warm-up.log");
    IncrementalHistory.check(
        MeasuredProcess.run(
            history.etl(warmUpWork, firstFormat, warmUpWork.resolve("report.json")),
            IncrementalHistory.environment(warmUpWork),
            warmUpLog),
        "run the warm-up",
        warmUpLog);

    List<IncrementalResult.Run> runs = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      for (String format : options.formats()) {
        // Alternate which history goes first, so neither always runs on a warmer machine.
        List<Integer> order =
            round % 2 == 1
                ? options.historyDays()
                : List.of(options.longDays(), options.shortDays());
        for (int days : order) {
          runs.add(timedRun(history, round, options.rounds(), format, days, expected));
        }
      }
    }
    List<IncrementalResult.FormatSummary> formats =
        options.formats().stream()
            .map(
                f ->
                    IncrementalResult.FormatSummary.of(
                        f, options.shortDays(), options.longDays(), runs))
            .toList();
    boolean rowsMatch = runs.stream().allMatch(IncrementalResult.Run::rowsMatch);
    IncrementalResult result =
        new IncrementalResult(
            started.toString(),
            ("scripts/bench-incremental.sh " + String.join(" ", args)).trim(),
            System.getenv().getOrDefault("BENCH_REVISION", "unknown"),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            loadAtStart,
            loadAverage(),
            options.recordsPerHour(),
            options.historyStepHours(),
            newHour.size(),
            expected,
            setups,
            runs,
            formats,
            rowsMatch,
            formats.stream().allMatch(IncrementalResult.FormatSummary::targetMet));
    String markdown = IncrementalMarkdown.render(result);
    Path results = Files.createDirectories(root.resolve("bench/results"));
    String name =
        "incremental-"
            + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(started);
    write(results, name, result, markdown);
    write(results, "incremental-latest", result, markdown);
    System.out.println();
    System.out.print(markdown);
    System.out.println();
    System.out.println("bench: results in " + results.resolve(name + ".md") + " and .json");
    if (!result.targetMet()) {
      System.out.println(
          "bench: TARGET MISSED: a long-history run cost more than 1.5x the short one");
    }
    if (!rowsMatch) {
      System.err.println("bench: a run wrote other rows than the new hour's: see the table above");
      System.exit(1);
    }
  }

  private static IncrementalResult.Run timedRun(
      IncrementalHistory history, int round, int rounds, String format, int days, long expected)
      throws IOException {
    long resent = history.restoreWithNewHour(format, days);
    Path work = history.work(format, days);
    Path report = work.resolve("report.json");
    Path log = history.logs().resolve(format + "-" + days + "d-" + round + ".log");
    MeasuredProcess.Result measured =
        MeasuredProcess.run(
            history.etl(work, format, report), IncrementalHistory.environment(work), log);
    IncrementalHistory.check(
        measured, "run etl --incremental on the " + days + "-day " + format + " history", log);
    JsonNode json = JSON.readTree(report.toFile());
    JsonNode incremental = json.path("incremental");
    IncrementalHistory.Tally tally = IncrementalHistory.tally(work);
    long written = json.path("records_written").asLong(-1);
    IncrementalResult.Run run =
        new IncrementalResult.Run(
            round,
            format,
            days,
            measured.wallMillis(),
            json.path("duration_ms").asLong(-1),
            measured.peakRssBytes(),
            json.path("files_read").asLong(-1),
            json.path("records_read").asLong(-1),
            written,
            json.path("duplicates_removed").asLong(-1),
            resent,
            incremental.path("folders_listed").asLong(-1),
            incremental.path("files_listed").asLong(-1),
            tally.curatedDataFiles(),
            tally.icebergMetadataFiles(),
            tally.stateBytes(),
            written == expected);
    System.out.printf(
        Locale.ROOT,
        "bench: round %d/%d %-7s %2d d: wall %6.1f s, in-job %6.1f s, peak RSS %,5.0f MiB,"
            + " %,d files read, %,d rows written (expected %,d)%s%n",
        round,
        rounds,
        format,
        days,
        run.wallMillis() / 1000.0,
        run.inJobMillis() / 1000.0,
        run.peakRssBytes() / (1024.0 * 1024.0),
        run.filesRead(),
        written,
        expected,
        run.rowsMatch() ? "" : "  ** WRONG ROW COUNT **");
    return run;
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

  private static void write(Path folder, String name, IncrementalResult result, String markdown)
      throws IOException {
    String json =
        new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(result);
    Files.writeString(folder.resolve(name + ".md"), markdown);
    Files.writeString(folder.resolve(name + ".json"), json + "\n");
  }
}
