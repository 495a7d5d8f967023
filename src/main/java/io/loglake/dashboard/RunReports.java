package io.loglake.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads the run reports (the JSON of {@code job/RunReport.toJson}, one {@code *.json} file per run)
 * from their folders: the one place that knows where and how they are kept, so it can be swapped
 * for the run history's own reader. Only the newest {@code max} files of each folder by name are
 * opened (run ids, and so the names etl and stream give them, start with the UTC start time).
 */
public final class RunReports {
  /** Reports shown: the newest runs, so the panel and its reads stay bounded. */
  public static final int MAX_RUNS = 30;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Files larger than this are not run reports (an unreadable-files list is bounded by runs). */
  private static final long MAX_REPORT_BYTES = 8L << 20;

  private RunReports() {}

  /**
   * One run as the data-quality panel shows it.
   *
   * @param quarantinedByReason records quarantined per reason, in the report's order
   */
  public record Run(
      String runId,
      String startedAt,
      long durationMs,
      long recordsRead,
      long recordsWritten,
      long recordsQuarantined,
      Map<String, Long> quarantinedByReason,
      long duplicatesRemoved,
      long unreadableFiles,
      String folder) {}

  /** What was read: the newest runs first, and the files that could not be parsed. */
  public record Result(List<Run> runs, List<String> unreadable) {}

  /** The newest {@code max} runs of all {@code folders} (missing folders are skipped). */
  public static Result read(Configuration conf, List<String> folders, int max) {
    List<Run> runs = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (String folder : folders) {
      Path dir = new Path(folder);
      FileStatus[] files;
      FileSystem fs;
      try {
        fs = dir.getFileSystem(conf);
        files = fs.listStatus(dir);
      } catch (FileNotFoundException e) {
        continue;
      } catch (IOException e) {
        unreadable.add(folder + ": " + e.getMessage());
        continue;
      }
      List<FileStatus> newest =
          Arrays.stream(files)
              .filter(f -> f.isFile() && f.getPath().getName().endsWith(".json"))
              .sorted(Comparator.comparing((FileStatus f) -> f.getPath().getName()).reversed())
              .limit(max)
              .toList();
      for (FileStatus file : newest) {
        try {
          runs.add(parse(fs, file, folder));
        } catch (IOException | RuntimeException e) {
          unreadable.add(file.getPath() + ": " + e.getMessage());
        }
      }
    }
    runs.sort(
        Comparator.comparing((Run r) -> r.startedAt() == null ? "" : r.startedAt())
            .thenComparing(r -> r.runId() == null ? "" : r.runId())
            .reversed());
    return new Result(List.copyOf(runs.subList(0, Math.min(max, runs.size()))), unreadable);
  }

  private static Run parse(FileSystem fs, FileStatus file, String folder) throws IOException {
    if (file.getLen() > MAX_REPORT_BYTES) {
      throw new IOException("larger than " + MAX_REPORT_BYTES + " bytes, not a run report");
    }
    JsonNode json;
    try (FSDataInputStream in = fs.open(file.getPath())) {
      json = JSON.readTree((InputStream) in);
    }
    if (json == null || !json.isObject() || !json.has("run_id")) {
      throw new IOException("not a run report (no run_id)");
    }
    Map<String, Long> byReason = new LinkedHashMap<>();
    JsonNode reasons = json.path("quarantined_by_reason");
    reasons.fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
    return new Run(
        json.path("run_id").asText(),
        json.path("started_at").asText(null),
        json.path("duration_ms").asLong(),
        json.path("records_read").asLong(),
        json.path("records_written").asLong(),
        json.path("records_quarantined").asLong(),
        byReason,
        json.path("duplicates_removed").asLong(),
        json.path("unreadable_files").size(),
        folder);
  }
}
