package io.loglake.cli;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.RawLogs;
import io.loglake.testing.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command through the launcher: {@code loglake demo} ends with the seed's sample
 * query (fixed) run from sql/ through the catalog on the demo's own table, and {@code loglake
 * query} runs the same query on that table. Both results are checked against counts from the raw
 * .gz files.
 */
class DemoQueryIT {
  @TempDir Path dir;

  @Test
  void demoPrintsTheSeedShapedTableFromTheCatalogAndQueryRunsTheSameFile() throws Exception {
    demoThenQuery();
  }

  /** {@code demo --format iceberg}: the same output, from an Iceberg table of the demo's. */
  @Test
  void anIcebergDemoPrintsTheSameAndQueryReadsItsIcebergTable() throws Exception {
    Path home = demoThenQuery("--format", "iceberg");
    assertThat(home.resolve("demo/curated/metadata")).isDirectory();
    assertThat(home.resolve("demo/curated/data")).isDirectory();
  }

  /** Runs demo (with {@code options}) then query; returns the home that passed the checks. */
  private Path demoThenQuery(String... options) throws Exception {
    // The demo writes yesterday's logs and its query reads "yesterday" from the clock: a run across
    // 00:00 UTC sees two different days, so it is run again (once) when the date changed meanwhile.
    for (int attempt = 1; ; attempt++) {
      LocalDate before = LocalDate.now(ZoneOffset.UTC);
      Path dir = Files.createDirectories(this.dir.resolve("attempt-" + attempt));
      Runs runs = run(dir, options);
      if (attempt == 1 && !LocalDate.now(ZoneOffset.UTC).equals(before)) {
        continue;
      }
      check(dir, before.minusDays(1), runs);
      return dir.resolve("home");
    }
  }

  private record Runs(Launcher.Result demo, Launcher.Result query) {}

  private static Runs run(Path dir, String... options) throws Exception {
    List<String> demoArgs = new ArrayList<>(List.of("demo", "--records", "20000"));
    demoArgs.addAll(List.of(options));
    Launcher.Result demo = Launcher.run(dir, demoArgs.toArray(String[]::new));
    String sampleOnDemoTable =
        Files.readString(Path.of("sql/athena/queries/errors_by_service_yesterday.sql"))
            .replace("logs_analytics.app_logs_curated", "logs_analytics.app_logs_demo");
    Launcher.Result query =
        demo.exitCode() == 0
            ? Launcher.run(dir, "query", "--sql", sampleOnDemoTable, "--format", "csv")
            : null;
    return new Runs(demo, query);
  }

  private static void check(Path dir, LocalDate yesterday, Runs runs) {
    Launcher.Result demo = runs.demo();
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    List<RawLogs.Raw> records = RawLogs.read(dir.resolve("home/demo/raw"));
    assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.date()).isEqualTo(yesterday));
    Map<String, Long> errors =
        records.stream()
            .filter(r -> r.level().equals("ERROR"))
            .collect(groupingBy(RawLogs.Raw::service, counting()));
    List<Map.Entry<String, Long>> ranked =
        errors.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    List<String> expected =
        new ArrayList<>(List.of("service     | error_count", "------------+------------"));
    for (Map.Entry<String, Long> e : ranked) {
      expected.add(String.format("%-11s | %11d", e.getKey(), e.getValue()));
    }
    expected.add("(" + ranked.size() + " rows)");
    assertThat(ranked).hasSize(3);
    assertThat(demo.out().lines().toList()).isEqualTo(expected);
    assertThat(demo.err()).contains("[3/3]").contains("errors_by_service_yesterday.sql");

    Launcher.Result query = runs.query();
    assertThat(query.exitCode()).as(query.err()).isZero();
    List<String> csv = new ArrayList<>(List.of("service,error_count"));
    ranked.forEach(e -> csv.add(e.getKey() + "," + e.getValue()));
    assertThat(query.out().lines().toList()).isEqualTo(csv);
  }
}
