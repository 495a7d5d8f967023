package io.loglake.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loglake.quality.QualityReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one ETL run did. Every count comes from the pass that wrote the data ({@code observe}), not
 * from extra jobs. {@code records_read = records_written + records_quarantined +
 * records_filtered_out + duplicates_removed} always holds.
 *
 * @param partitionsWritten curated partitions this run added rows to, as {@code dt=…/hr=…}, sorted
 * @param unreadableFiles files that could not be read (in full), with the error
 * @param quarantinePath the folder this run's quarantined records went to, or null when none
 * @param warnings what the run did not do that a reader would expect, e.g. that it found no file
 * @param incremental what an {@code --incremental} run's state did, or null for another run
 * @param compaction what the automatic compaction after the write did, or null when none ran
 * @param quality what the data-quality check after the run found ({@code --check}), or null
 */
public record RunReport(
    String runId,
    String startedAt,
    String source,
    String curatedPath,
    String quarantinePath,
    List<String> levels,
    long filesRead,
    long recordsRead,
    long recordsWritten,
    long recordsQuarantined,
    Map<String, Long> quarantinedByReason,
    long recordsFilteredOut,
    long duplicatesRemoved,
    List<String> partitionsWritten,
    List<UnreadableFile> unreadableFiles,
    List<String> warnings,
    long durationMs,
    Incremental incremental,
    CompactionReport compaction,
    QualityReport quality) {

  /**
   * What an incremental run's state did.
   *
   * @param checkpointRead the checkpoint the run started from, or null on a first run
   * @param checkpointWritten the checkpoint it wrote, or null when it processed no new object
   * @param listedFrom the first hour folder listed, or null when the whole raw zone was listed
   * @param listedTo the last hour folder listed, or null when the whole raw zone was listed
   * @param foldersListed folder listings made
   * @param filesListed objects listed
   * @param filesAlreadyProcessed objects listed that an earlier run processed (not read)
   * @param filesNotMarkedProcessed objects read but unreadable in full: the next run reads them
   */
  public record Incremental(
      String statePath,
      String checkpointRead,
      String checkpointWritten,
      String listedFrom,
      String listedTo,
      long foldersListed,
      long filesListed,
      long filesAlreadyProcessed,
      long filesNotMarkedProcessed) {
    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("state_path", statePath);
      out.put("checkpoint_read", checkpointRead);
      out.put("checkpoint_written", checkpointWritten);
      out.put("listed_from_hour", listedFrom);
      out.put("listed_to_hour", listedTo);
      out.put("folders_listed", foldersListed);
      out.put("files_listed", filesListed);
      out.put("files_already_processed", filesAlreadyProcessed);
      out.put("files_not_marked_processed", filesNotMarkedProcessed);
      return out;
    }
  }

  /** A file the reader gave up on, and why. */
  public record UnreadableFile(String path, String error) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The report as a JSON object with snake_case keys. */
  public String toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run_id", runId);
    out.put("started_at", startedAt);
    out.put("source", source);
    out.put("curated_path", curatedPath);
    out.put("quarantine_path", quarantinePath);
    out.put("levels", levels);
    out.put("files_read", filesRead);
    out.put("records_read", recordsRead);
    out.put("records_written", recordsWritten);
    out.put("records_quarantined", recordsQuarantined);
    out.put("quarantined_by_reason", quarantinedByReason);
    out.put("records_filtered_out", recordsFilteredOut);
    out.put("duplicates_removed", duplicatesRemoved);
    out.put("partitions_written", partitionsWritten);
    List<Map<String, String>> unreadable =
        unreadableFiles.stream().map(f -> Map.of("path", f.path(), "error", f.error())).toList();
    out.put("unreadable_files", unreadable);
    out.put("warnings", warnings);
    out.put("duration_ms", durationMs);
    if (incremental != null) {
      out.put("incremental", incremental.toMap());
    }
    if (compaction != null) {
      out.put("compaction", compaction.toMap());
    }
    if (quality != null) {
      out.put("quality", quality.toMap());
    }
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the run report", e);
    }
  }

  /**
   * The counts published as metrics ({@code --metrics}), named as in {@link #toJson()}: the
   * partitions as their number. The duration ({@code duration_ms}) is published beside them.
   */
  public Map<String, Long> metricCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("records_read", recordsRead);
    counts.put("records_written", recordsWritten);
    counts.put("records_quarantined", recordsQuarantined);
    counts.put("records_filtered_out", recordsFilteredOut);
    counts.put("duplicates_removed", duplicatesRemoved);
    counts.put("partitions_written", (long) partitionsWritten.size());
    return counts;
  }

  /** This report with {@code warning} added after its warnings. */
  public RunReport withWarning(String warning) {
    List<String> more = new ArrayList<>(warnings);
    more.add(warning);
    return new RunReport(
        runId,
        startedAt,
        source,
        curatedPath,
        quarantinePath,
        levels,
        filesRead,
        recordsRead,
        recordsWritten,
        recordsQuarantined,
        quarantinedByReason,
        recordsFilteredOut,
        duplicatesRemoved,
        partitionsWritten,
        unreadableFiles,
        List.copyOf(more),
        durationMs,
        incremental,
        compaction,
        quality);
  }

  /** This report with {@code check}'s result as its {@code quality}. */
  public RunReport withQuality(QualityReport check) {
    return new RunReport(
        runId,
        startedAt,
        source,
        curatedPath,
        quarantinePath,
        levels,
        filesRead,
        recordsRead,
        recordsWritten,
        recordsQuarantined,
        quarantinedByReason,
        recordsFilteredOut,
        duplicatesRemoved,
        partitionsWritten,
        unreadableFiles,
        warnings,
        durationMs,
        incremental,
        compaction,
        check);
  }

  /**
   * The report {@link #toJson()} wrote, read back (the run history, {@code check --report}).
   *
   * @throws IllegalArgumentException when {@code json} is not a JSON object with a {@code run_id}
   */
  public static RunReport fromJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("run_id").isTextual()) {
      throw new IllegalArgumentException("not a run report: no run_id");
    }
    Map<String, Long> byReason = new LinkedHashMap<>();
    root.path("quarantined_by_reason")
        .fields()
        .forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
    List<UnreadableFile> unreadable = new ArrayList<>();
    root.path("unreadable_files")
        .forEach(f -> unreadable.add(new UnreadableFile(text(f, "path"), text(f, "error"))));
    JsonNode state = root.path("incremental");
    JsonNode compacted = root.path("compaction");
    JsonNode quality = root.path("quality");
    return new RunReport(
        text(root, "run_id"),
        text(root, "started_at"),
        text(root, "source"),
        text(root, "curated_path"),
        text(root, "quarantine_path"),
        strings(root.path("levels")),
        root.path("files_read").asLong(),
        root.path("records_read").asLong(),
        root.path("records_written").asLong(),
        root.path("records_quarantined").asLong(),
        Map.copyOf(byReason),
        root.path("records_filtered_out").asLong(),
        root.path("duplicates_removed").asLong(),
        strings(root.path("partitions_written")),
        List.copyOf(unreadable),
        strings(root.path("warnings")),
        root.path("duration_ms").asLong(),
        state.isObject()
            ? new Incremental(
                text(state, "state_path"),
                text(state, "checkpoint_read"),
                text(state, "checkpoint_written"),
                text(state, "listed_from_hour"),
                text(state, "listed_to_hour"),
                state.path("folders_listed").asLong(),
                state.path("files_listed").asLong(),
                state.path("files_already_processed").asLong(),
                state.path("files_not_marked_processed").asLong())
            : null,
        compacted.isObject()
            ? new CompactionReport(
                text(compacted, "format"),
                text(compacted, "older_than"),
                compacted.path("automatic").asBoolean(),
                strings(compacted.path("partitions_compacted")),
                compacted.path("files_rewritten").asLong(),
                compacted.path("files_written").asLong(),
                compacted.path("interrupted_compactions_finished").asLong(),
                compacted.path("snapshots_expired").asLong(),
                compacted.path("orphan_files_deleted").asLong(),
                compacted.path("duration_ms").asLong())
            : null,
        quality.isObject() ? QualityReport.fromJson(quality) : null);
  }

  /** The text of {@code field}, or null when it is missing or JSON null. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }

  /** The one-line summary logged after every run. */
  public String summary() {
    String line =
        String.format(
            "run %s: read %s from %s, wrote %,d to %s, quarantined %,d, filtered out %,d, removed %s,"
                + " %s, in %,d ms",
            runId,
            Counts.of(recordsRead, "record"),
            Counts.of(filesRead, "file"),
            recordsWritten,
            Counts.of(partitionsWritten.size(), "partition"),
            recordsQuarantined,
            recordsFilteredOut,
            Counts.of(duplicatesRemoved, "duplicate"),
            Counts.of(unreadableFiles.size(), "unreadable file"),
            durationMs);
    return compaction == null ? line : line + "; " + compaction.summary();
  }
}
