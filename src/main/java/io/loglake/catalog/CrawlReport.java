package io.loglake.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loglake.job.Counts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one crawl did: hour folders found under the raw zone, how many the table already had, how
 * many were added (in how many calls), and the partitions the catalog refused, with its reasons.
 * {@code partitions_found = already_registered + partitions_added + failures.size()}.
 */
public record CrawlReport(
    String table,
    String catalog,
    String rawPath,
    int partitionsFound,
    int alreadyRegistered,
    int partitionsAdded,
    int calls,
    List<Failure> failures,
    List<String> skippedFolders) {

  /** A partition the catalog did not add: its {@code YYYY/MM/DD/HH}, the error code and message. */
  public record Failure(String partition, String errorCode, String message) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", table);
    out.put("catalog", catalog);
    out.put("raw_path", rawPath);
    out.put("partitions_found", partitionsFound);
    out.put("already_registered", alreadyRegistered);
    out.put("partitions_added", partitionsAdded);
    out.put("calls", calls);
    out.put(
        "failures",
        failures.stream()
            .map(
                f ->
                    Map.of(
                        "partition",
                        f.partition(),
                        "error_code",
                        f.errorCode(),
                        "message",
                        f.message()))
            .toList());
    out.put("skipped_folders", skippedFolders);
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the crawl report", e);
    }
  }

  public String summary() {
    return String.format(
        "crawl of %s into %s (%s): %s, %,d already registered, %,d added in %s, %,d failed",
        rawPath,
        table,
        catalog,
        Counts.of(partitionsFound, "hour folder"),
        alreadyRegistered,
        partitionsAdded,
        Counts.of(calls, "call"),
        failures.size());
  }
}
