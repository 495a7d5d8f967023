package io.loglake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One scenario of the latency benchmark: {@code loglake stream} started as a child process and
 * ready, the independent readers polling, then {@code loglake produce} at the rate for the
 * duration, then the stream given time to write the last rows, then stopped with SIGTERM.
 */
final class LatencyRun {
  private static final long POLL_MILLIS = 200;
  private static final long READY_TIMEOUT_MILLIS = 300_000;
  private static final long DRAIN_MILLIS = 60_000;
  private static final Pattern REPORTED_RATE = Pattern.compile("\\(([0-9.]+) records/s\\)");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A micro-batch as its run report tells it. */
  record Batch(String runId, long startMillis, long durationMillis, long read) {
    long endMillis() {
      return startMillis + durationMillis;
    }
  }

  private final Path launcher;
  private final Path work;
  private final LatencyOptions options;
  private final LatencyOptions.Scenario scenario;
  private final String bootstrapServers;

  LatencyRun(
      Path launcher,
      Path work,
      LatencyOptions options,
      LatencyOptions.Scenario scenario,
      String bootstrapServers) {
    this.launcher = launcher;
    this.work = work;
    this.options = options;
    this.scenario = scenario;
    this.bootstrapServers = bootstrapServers;
  }

  private boolean kafka() {
    return scenario.source().equals("kafka");
  }

  private Path raw() {
    return work.resolve("raw");
  }

  private Path eventLog() {
    return work.resolve("event-log");
  }

  private Path state() {
    return work.resolve("state");
  }

  LatencyResult.Scenario run(String topic) throws IOException, InterruptedException {
    BenchFiles.deleteRecursively(work);
    Files.createDirectories(raw());
    Map<String, String> environment =
        Map.of(
            "LOGLAKE_HOME", work.resolve("home").toString(),
            "LOGLAKE_NO_BUILD", "1",
            // Two launcher JVMs at once: neither may record the class-data sharing archive.
            "LOGLAKE_NO_CDS", "1",
            "AWS_EC2_METADATA_DISABLED", "true");
    Path streamLog = work.resolve("stream.log");
    ProcessBuilder builder =
        new ProcessBuilder(streamCommand(topic))
            .redirectErrorStream(true)
            .redirectOutput(streamLog.toFile());
    builder.environment().putAll(environment);
    // Spark's event log (an uncompressed JSON file) tells where each batch's time goes.
    builder
        .environment()
        .put(
            "LOGLAKE_JAVA_OPTS",
            "-Dspark.eventLog.enabled=true -Dspark.eventLog.compress=false -Dspark.eventLog.dir="
                + eventLog().toUri());
    Files.createDirectories(eventLog());
    Process stream = builder.start();
    TableWatcher table =
        new TableWatcher(work.resolve("curated"), scenario.format().equals("iceberg"));
    RawLandingWatcher landing = kafka() ? null : new RawLandingWatcher(raw());
    AtomicReference<RuntimeException> pollFailure = new AtomicReference<>();
    ScheduledExecutorService readers = Executors.newScheduledThreadPool(2);
    MeasuredProcess.Result producer = null;
    long producerEnd = 0;
    String error = null;
    try {
      awaitReady(stream, streamLog);
      readers.scheduleWithFixedDelay(
          guarded(table::poll, pollFailure), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (landing != null) {
        readers.scheduleWithFixedDelay(
            guarded(landing::poll, pollFailure), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
      System.out.printf(
          "bench: %s: stream ready, producing for %d s...%n", scenario.id(), options.seconds());
      producer =
          MeasuredProcess.run(produceCommand(topic), environment, work.resolve("produce.log"));
      producerEnd = System.currentTimeMillis();
      if (producer.exitCode() != 0) {
        error =
            "produce exited " + producer.exitCode() + " (see " + work.resolve("produce.log") + ")";
      }
      long deadline = producerEnd + DRAIN_MILLIS + 3 * triggerMillis();
      while (table.distinctRows() < options.records()
          && stream.isAlive()
          && pollFailure.get() == null
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(500);
      }
      if (!stream.isAlive() && error == null) {
        error = "stream exited " + stream.exitValue() + " early (see " + streamLog + ")";
      }
    } finally {
      stream.destroy();
      if (!stream.waitFor(120, TimeUnit.SECONDS)) {
        stream.destroyForcibly().waitFor();
      }
      readers.shutdown();
      readers.awaitTermination(60, TimeUnit.SECONDS);
    }
    if (pollFailure.get() != null) {
      throw pollFailure.get();
    }
    table.poll();
    if (landing != null) {
      landing.poll();
    }
    table.close();
    return result(table, landing, producer, producerEnd, stream.exitValue(), error);
  }

  private LatencyResult.Scenario result(
      TableWatcher table,
      RawLandingWatcher landing,
      MeasuredProcess.Result producer,
      long producerEnd,
      int streamExit,
      String error)
      throws IOException {
    Map<String, TableWatcher.Row> rows = table.rows();
    long firstEvent =
        rows.values().stream().mapToLong(TableWatcher.Row::eventMillis).min().orElse(0);
    long measuredFrom = firstEvent + options.warmUpSeconds() * 1000L;
    List<Batch> batches = batches();
    Map<String, Batch> byRunId = new TreeMap<>();
    TreeMap<Long, Batch> byStart = new TreeMap<>();
    for (Batch batch : batches) {
      byRunId.put(batch.runId(), batch);
      byStart.put(batch.startMillis(), batch);
    }
    Map<String, Long> landedAt = landing == null ? Map.of() : landing.landedAt();
    List<Long> latency = new ArrayList<>();
    List<Long> wait = new ArrayList<>();
    List<Long> duration = new ArrayList<>();
    List<Long> after = new ArrayList<>();
    List<Long> toLanding = new ArrayList<>();
    List<Long> landingToReadable = new ArrayList<>();
    long withoutBatch = 0;
    for (Map.Entry<String, TableWatcher.Row> entry : rows.entrySet()) {
      TableWatcher.Row row = entry.getValue();
      if (row.eventMillis() < measuredFrom) {
        continue;
      }
      latency.add(row.seenMillis() - row.eventMillis());
      Batch batch =
          row.runId() != null
              ? byRunId.get(row.runId())
              : row.commitMillis() >= 0 && byStart.floorEntry(row.commitMillis()) != null
                  ? byStart.floorEntry(row.commitMillis()).getValue()
                  : null;
      if (batch == null) {
        withoutBatch++;
      } else {
        wait.add(batch.startMillis() - row.eventMillis());
        duration.add(batch.durationMillis());
        after.add(row.seenMillis() - batch.endMillis());
      }
      Long landed = landedAt.get(entry.getKey());
      if (landed != null) {
        toLanding.add(landed - row.eventMillis());
        landingToReadable.add(row.seenMillis() - landed);
      }
    }
    List<RawLandingWatcher.Landing> landings = landing == null ? List.of() : landing.landings();
    List<Long> intervals = new ArrayList<>();
    for (int i = 1; i < landings.size(); i++) {
      intervals.add(landings.get(i).seenMillis() - landings.get(i - 1).seenMillis());
    }
    String summary = producer == null ? "" : lastLine(producer.output());
    Matcher rate = REPORTED_RATE.matcher(summary);
    long lastScheduled = firstEvent + (options.records() - 1) * 1000L / options.rate();
    LatencyResult.Stats latencyStats = LatencyResult.Stats.of(latency);
    return new LatencyResult.Scenario(
        scenario.source(),
        scenario.format(),
        scenario.trigger(),
        options.records(),
        producer == null ? -1 : producer.wallMillis(),
        summary,
        rate.find() ? Double.valueOf(rate.group(1)) : null,
        producerEnd - lastScheduled,
        producer == null ? -1 : producer.exitCode(),
        rows.size(),
        table.duplicateRows(),
        latency.size(),
        withoutBatch,
        table.filesRead(),
        latencyStats,
        LatencyResult.Stats.of(wait),
        LatencyResult.Stats.of(duration),
        LatencyResult.Stats.of(after),
        landing == null ? null : LatencyResult.Stats.of(toLanding),
        landing == null ? null : LatencyResult.Stats.of(landingToReadable),
        landing == null ? null : landings.size(),
        landing == null
            ? null
            : LatencyResult.Stats.of(landings.stream().map(l -> (long) l.records()).toList()),
        landing == null ? null : LatencyResult.Stats.of(intervals),
        batches.size(),
        LatencyResult.Stats.of(batches.stream().map(Batch::durationMillis).toList()),
        LatencyResult.Stats.of(batches.stream().map(Batch::read).toList()),
        streamExit,
        error,
        EventLogProfile.phases(eventLog(), batches),
        error == null
            && rows.size() >= options.records()
            && latencyStats.p95() != null
            && latencyStats.p95() <= LatencyResult.TARGET_P95_MILLIS);
  }

  /** The micro-batches that read records, from the stream's run reports, oldest first. */
  private List<Batch> batches() throws IOException {
    Path folder = state().resolve("stream").resolve("reports");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Batch> batches = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode report = JSON.readTree(file.toFile());
        long read = report.path("records_read").asLong();
        if (read > 0) {
          batches.add(
              new Batch(
                  report.path("run_id").asText(),
                  Instant.parse(report.path("started_at").asText()).toEpochMilli(),
                  report.path("duration_ms").asLong(),
                  read));
        }
      }
    }
    return batches;
  }

  /** Waits until the stream runs: Kafka, its query's checkpoint metadata; raw, its first batch. */
  private void awaitReady(Process stream, Path log) throws IOException, InterruptedException {
    Path kafkaMetadata = state().resolve("stream/kafka-checkpoint/metadata");
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!stream.isAlive()) {
        throw new IllegalStateException(
            "Cannot start the stream: it exited " + stream.exitValue() + "; see " + log);
      }
      boolean ready =
          kafka() ? Files.exists(kafkaMetadata) : Files.readString(log).contains("batch 0:");
      if (ready) {
        // The query has started; its first trigger finds nothing and waits for records.
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Cannot start the stream within 5 min; see " + log);
  }

  private List<String> streamCommand(String topic) {
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "stream"));
    if (kafka()) {
      command.addAll(
          List.of("--source", "kafka", "--bootstrap-servers", bootstrapServers, "--topic", topic));
    } else {
      command.addAll(List.of("--source", "raw", "--raw", raw().toString()));
    }
    command.addAll(
        List.of(
            "--curated",
            work.resolve("curated").toString(),
            "--quarantine",
            work.resolve("quarantine").toString(),
            "--state",
            state().toString(),
            "--format",
            scenario.format(),
            // Every event becomes a row, so each produced record is measured (default: WARN,ERROR).
            "--levels",
            "INFO,WARN,ERROR",
            "--trigger",
            scenario.trigger()));
    return command;
  }

  private List<String> produceCommand(String topic) {
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "produce"));
    if (kafka()) {
      command.addAll(
          List.of("--sink", "kafka", "--bootstrap-servers", bootstrapServers, "--topic", topic));
    } else {
      command.addAll(List.of("--sink", "local", "--out", raw().toString()));
    }
    command.addAll(
        List.of(
            "--rate",
            Integer.toString(options.rate()),
            "--records",
            Long.toString(options.records())));
    return command;
  }

  private long triggerMillis() {
    String trigger = scenario.trigger();
    return trigger.endsWith("ms")
        ? Long.parseLong(trigger.substring(0, trigger.length() - 2))
        : Long.parseLong(trigger.substring(0, trigger.length() - 1)) * 1000;
  }

  private static Runnable guarded(Runnable poll, AtomicReference<RuntimeException> failure) {
    return () -> {
      try {
        poll.run();
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        throw e;
      }
    };
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].startsWith("Produced")) {
        return lines[i].strip();
      }
    }
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }
}
