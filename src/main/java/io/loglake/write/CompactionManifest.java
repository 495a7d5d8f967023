package io.loglake.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * What one parquet compaction ({@link ParquetCompactor}) is about to do, written in one PUT before
 * it moves or deletes anything: enough for any later run to finish it. Each file is named by its
 * full path.
 *
 * @param id the compaction id: the staging folder {@code <curated>/_compaction/<id>} and the start
 *     of every file name it writes
 * @param partitions per partition, the files it replaces and the files replacing them
 */
record CompactionManifest(String id, List<Partition> partitions) {
  /**
   * One partition's part: {@code inputs} are deleted once every file of {@code staged} is at the
   * same index of {@code finals} (in the partition).
   */
  record Partition(
      String partition, List<String> inputs, List<String> staged, List<String> finals) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise a compaction manifest", e);
    }
  }

  /** The manifest in {@code json}; throws {@link IOException} when it is not one (cut short). */
  static CompactionManifest parse(byte[] json) throws IOException {
    return JSON.readValue(json, CompactionManifest.class);
  }
}
