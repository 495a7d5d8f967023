package io.loglake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where a stream's micro-batches spend their time, from the Spark event log of the stream's JVM
 * ({@code spark.eventLog.enabled}, uncompressed): each outermost SQL execution that starts within
 * the interval of the batch's run report (one Spark action: the batch's partitions, the dedupe
 * anti-join's emptiness check, the write, ...) is named by the Spark method and the first loglake
 * frame of its call site, e.g. {@code isEmpty at CuratedBatch.java:166}, and its time summed per
 * micro-batch (an execution belongs to the batch whose run-report interval holds its start). What
 * no execution covers is driver work: listing, planning, the catalog registration, the Iceberg
 * commit's metadata writes, the report.
 */
final class EventLogProfile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String START =
      "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart";
  private static final String END =
      "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd";
  static final String OUTSIDE = "no Spark action (driver: listing, planning, catalog, commit)";

  /** One phase: how many batches ran it, its time per batch (median) and in total. */
  record Phase(String name, int batches, long medianMillisPerBatch, long totalMillis) {}

  private record Execution(String name, long start, long end) {}

  private EventLogProfile() {}

  /** The phases of {@code batches}, longest total first; empty when there is no event log. */
  static List<Phase> phases(Path eventLogFolder, List<LatencyRun.Batch> batches)
      throws IOException {
    if (!Files.isDirectory(eventLogFolder)) {
      return List.of();
    }
    List<Execution> executions = new ArrayList<>();
    try (Stream<Path> files = Files.list(eventLogFolder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        executions.addAll(read(file));
      }
    }
    // Earliest first, and of two that start together the longer (the outer) first.
    executions.sort(
        Comparator.comparingLong(Execution::start)
            .thenComparing(Comparator.comparingLong(Execution::end).reversed()));
    Map<String, List<Long>> perBatch = new LinkedHashMap<>();
    List<Long> outside = new ArrayList<>();
    for (LatencyRun.Batch batch : batches) {
      Map<String, Long> times = new HashMap<>();
      long covered = 0;
      long coveredUntil = batch.startMillis();
      Execution outer = null;
      for (Execution e : executions) {
        if (e.start() < batch.startMillis() || e.start() > batch.endMillis()) {
          continue;
        }
        if (outer != null && e.end() <= outer.end()) {
          continue; // nested in the action before it (e.g. a write's inner query)
        }
        outer = e;
        times.merge(e.name(), e.end() - e.start(), Long::sum);
        long from = Math.max(e.start(), coveredUntil);
        long to = Math.min(e.end(), batch.endMillis());
        if (to > from) {
          covered += to - from;
          coveredUntil = to;
        }
      }
      times.forEach((name, ms) -> perBatch.computeIfAbsent(name, n -> new ArrayList<>()).add(ms));
      outside.add(Math.max(0, batch.durationMillis() - covered));
    }
    if (!batches.isEmpty()) {
      perBatch.put(OUTSIDE, outside);
    }
    List<Phase> phases = new ArrayList<>();
    perBatch.forEach(
        (name, times) -> {
          LatencyResult.Stats stats = LatencyResult.Stats.of(times);
          phases.add(
              new Phase(
                  name,
                  times.size(),
                  stats.p50(),
                  times.stream().mapToLong(Long::longValue).sum()));
        });
    phases.sort(Comparator.comparingLong(Phase::totalMillis).reversed());
    return phases;
  }

  private static List<Execution> read(Path file) throws IOException {
    Map<Long, JsonNode> started = new HashMap<>();
    List<Execution> executions = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.contains("SparkListenerSQLExecution")) {
          continue;
        }
        JsonNode event;
        try {
          event = JSON.readTree(line);
        } catch (IOException e) {
          continue; // the last line of a log still being written
        }
        String type = event.path("Event").asText();
        long id = event.path("executionId").asLong();
        if (type.equals(START)) {
          // Nested ones too: foreachBatch's actions run inside the micro-batch's own execution,
          // which starts before the batch's report does.
          started.put(id, event);
        } else if (type.equals(END) && started.containsKey(id)) {
          JsonNode start = started.remove(id);
          executions.add(
              new Execution(
                  name(start.path("details").asText(), start.path("sparkPlanInfo")),
                  start.path("time").asLong(),
                  event.path("time").asLong()));
        }
      }
    }
    return executions;
  }

  private static final Set<String> WRAPPERS =
      Set.of(
          "AdaptiveSparkPlan",
          "InputAdapter",
          "ResultQueryStage",
          "ShuffleQueryStage",
          "BroadcastQueryStage",
          "AQEShuffleRead",
          "ColumnarToRow",
          "Project",
          "Filter",
          "WriteFiles");

  /**
   * {@code isEmpty at CuratedBatch.java:166} (Spark's method and the first loglake frame) when the
   * call site names loglake code; inside {@code foreachBatch} every action's call site is the
   * stream's start, so the plan names it instead: its first operator that is not a wrapper, and
   * what it reads ({@code Execute InsertIntoHadoopFsRelationCommand [join, cached]}).
   */
  static String name(String callSite, JsonNode plan) {
    String[] frames = callSite.split("\n");
    String action = frames.length == 0 ? "?" : method(frames[0]);
    boolean streamThread = Arrays.stream(frames).anyMatch(f -> f.contains("StreamJob.runKafka"));
    for (String frame : streamThread ? new String[0] : frames) {
      if (frame.startsWith("io.loglake.")) {
        int open = frame.indexOf('(');
        int close = frame.indexOf(')', open);
        return action
            + " at "
            + (open >= 0 && close > open ? frame.substring(open + 1, close) : frame);
      }
    }
    List<String> nodes = new ArrayList<>();
    nodes(plan, nodes);
    String root =
        nodes.stream()
            .filter(n -> !WRAPPERS.contains(n) && !n.startsWith("WholeStageCodegen"))
            .findFirst()
            .orElse("?");
    Set<String> tags = new TreeSet<>();
    for (String node : nodes) {
      if (node.contains("Join")) {
        tags.add("join");
      } else if (node.equals("MicroBatchScan")) {
        tags.add("reads Kafka");
      } else if (node.equals("InMemoryTableScan")) {
        tags.add("cached");
      } else if (node.equals("Scan ExistingRDD")) {
        tags.add("reads the batch");
      } else if (node.startsWith("Scan ") || node.startsWith("BatchScan")) {
        tags.add("reads table");
      }
    }
    return tags.isEmpty() ? root : root + " [" + String.join(", ", tags) + "]";
  }

  private static void nodes(JsonNode plan, List<String> out) {
    if (plan == null || plan.isMissingNode() || plan.isNull()) {
      return;
    }
    out.add(plan.path("nodeName").asText());
    for (JsonNode child : plan.path("children")) {
      nodes(child, out);
    }
  }

  private static String method(String frame) {
    int open = frame.indexOf('(');
    String qualified = open >= 0 ? frame.substring(0, open) : frame;
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
