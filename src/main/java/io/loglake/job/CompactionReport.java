package io.loglake.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one compaction ({@link Compaction}) did.
 *
 * @param format parquet or iceberg
 * @param olderThan only partitions whose hour ended before this instant were candidates
 * @param automatic true after an etl run (bounded to the hours just past the lateness window),
 *     false for {@code loglake compact}
 * @param partitionsCompacted the partitions rewritten, as {@code dt=…/hr=…}, sorted
 * @param filesRewritten data files replaced
 * @param filesWritten data files that replaced them
 * @param recovered parquet: interrupted compactions finished first
 * @param snapshotsExpired iceberg: snapshots expired
 * @param orphanFilesDeleted iceberg: orphan files deleted (on demand only)
 */
public record CompactionReport(
    String format,
    String olderThan,
    boolean automatic,
    List<String> partitionsCompacted,
    long filesRewritten,
    long filesWritten,
    long recovered,
    long snapshotsExpired,
    long orphanFilesDeleted,
    long durationMs) {

  /** The report as a JSON-ready map with snake_case keys. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", format);
    out.put("older_than", olderThan);
    out.put("automatic", automatic);
    out.put("partitions_compacted", partitionsCompacted);
    out.put("files_rewritten", filesRewritten);
    out.put("files_written", filesWritten);
    out.put("interrupted_compactions_finished", recovered);
    out.put("snapshots_expired", snapshotsExpired);
    out.put("orphan_files_deleted", orphanFilesDeleted);
    out.put("duration_ms", durationMs);
    return out;
  }

  /** The report as a JSON object ({@code loglake compact} prints it). */
  public String toJson() {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(toMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the compaction report", e);
    }
  }

  /** {@code compacted 3 partitions (40 files -> 3)}. */
  public String summary() {
    return String.format(
        "compacted %s (%,d files -> %,d)",
        Counts.of(partitionsCompacted.size(), "partition"), filesRewritten, filesWritten);
  }
}
