package io.loglake.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loglake.testing.KafkaTestBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The stream latency benchmark of issue 10 (run by {@code scripts/bench-latency.sh} from the
 * project folder, built): {@code loglake produce} at a rate (default 1,000 records/s) into Kafka (a
 * real broker on 127.0.0.1, {@link KafkaTestBroker}) or a local raw zone, {@code loglake stream}
 * from it as a child process, and an independent reader ({@link TableWatcher}) polling the curated
 * table every ~200 ms; per row, latency = first seen readable − event time (the producer stamps
 * record i with start + i/rate, its creation time while it keeps pace). Percentiles over the rows
 * after the warm-up (rows whose event time is in the producer's first seconds are dropped). Results
 * in {@code bench/results/latency-<time>.*} and {@code latency-latest.*}. Exits 1 when a scenario
 * failed or missed rows; a missed p95 target is reported, not an error.
 */
public final class LatencyBench {
  private LatencyBench() {}

  public static void main(String[] args) throws Exception {
    LatencyOptions options;
    try {
      options = LatencyOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(LatencyOptions.USAGE);
      System.exit(2);
      return;
    }
    Path root = Path.of("").toAbsolutePath();
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String loadAtStart = loadAverage();
    Path base = root.resolve("bench/data/latency");
    BenchFiles.deleteRecursively(base);
    Files.createDirectories(base);
    List<LatencyResult.Scenario> scenarios = new ArrayList<>();
    boolean anyKafka = options.scenarios().stream().anyMatch(s -> s.source().equals("kafka"));
    try (KafkaTestBroker broker = anyKafka ? KafkaTestBroker.start(base.resolve("broker")) : null) {
      for (LatencyOptions.Scenario scenario : options.scenarios()) {
        String topic = "latency-" + scenario.id();
        if (scenario.source().equals("kafka")) {
          createTopic(broker.bootstrapServers(), topic);
        }
        LatencyRun run =
            new LatencyRun(
                root.resolve("scripts/loglake"),
                base.resolve(scenario.id()),
                options,
                scenario,
                broker == null ? null : broker.bootstrapServers());
        System.out.printf("bench: %s: starting the stream...%n", scenario.id());
        LatencyResult.Scenario result = run.run(topic);
        scenarios.add(result);
        System.out.println("bench: " + LatencyMarkdown.line(result));
      }
    }
    LatencyResult result =
        new LatencyResult(
            started.toString(),
            ("scripts/bench-latency.sh " + String.join(" ", args)).trim(),
            System.getenv().getOrDefault("BENCH_REVISION", "unknown"),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            loadAtStart,
            loadAverage(),
            options.rate(),
            options.seconds(),
            options.warmUpSeconds(),
            scenarios);
    String markdown = LatencyMarkdown.render(result);
    Path results = Files.createDirectories(root.resolve("bench/results"));
    String name =
        "latency-"
            + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(started);
    write(results, name, result, markdown);
    write(results, "latency-latest", result, markdown);
    System.out.println();
    System.out.print(markdown);
    System.out.println();
    System.out.println("bench: results in " + results.resolve(name + ".md") + " and .json");
    boolean complete =
        scenarios.stream().allMatch(s -> s.error() == null && s.rowsSeen() == s.recordsProduced());
    if (!complete) {
      System.err.println("bench: a scenario failed or did not show every row: see the table above");
      System.exit(1);
    }
  }

  /**
   * The topic with 3 partitions (what the broker's auto-creation would make), before the stream.
   */
  private static void createTopic(String bootstrapServers, String topic) throws Exception {
    Properties settings = new Properties();
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(settings)) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }
  }

  /** The load averages over 1, 5 and 15 minutes, or "unknown" off Linux. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", fields[0], fields[1], fields[2]);
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void write(Path folder, String name, LatencyResult result, String markdown)
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
