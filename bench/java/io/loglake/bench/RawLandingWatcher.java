package io.loglake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * When the raw zone's objects land, polled every ~200 ms like {@link TableWatcher}: a recursive
 * listing (Hadoop FS) of the raw zone, hidden names (the producer's temporary files) skipped; each
 * new {@code .gz} object is read with plain Java + Jackson for its records' {@code event_id}s.
 */
final class RawLandingWatcher {
  /** One landed object: when it was first listed and how many records it holds. */
  record Landing(long seenMillis, int records) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path raw;
  private final Set<String> objects = new HashSet<>();
  private final Map<String, Long> landedAt = new HashMap<>();
  private final List<Landing> landings = new ArrayList<>();

  RawLandingWatcher(java.nio.file.Path raw) {
    this.raw = new Path(raw.toUri());
    try {
      this.fs = this.raw.getFileSystem(new Configuration());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + raw, e);
    }
  }

  synchronized void poll() {
    try {
      if (!fs.exists(raw)) {
        return;
      }
      List<Path> fresh = new ArrayList<>();
      for (Path path : TableWatcher.visibleFiles(fs, raw)) {
        if (path.getName().endsWith(".gz") && objects.add(path.toString())) {
          fresh.add(path);
        }
      }
      long seen = System.currentTimeMillis();
      for (Path object : fresh) {
        int records = 0;
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(fs.open(object)), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
              continue;
            }
            JsonNode record = JSON.readTree(line);
            landedAt.putIfAbsent(record.path("event_id").asText(), seen);
            records++;
          }
        }
        landings.add(new Landing(seen, records));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot poll " + raw, e);
    }
  }

  /** When each event id's object was first listed (a copy). */
  synchronized Map<String, Long> landedAt() {
    return new HashMap<>(landedAt);
  }

  synchronized List<Landing> landings() {
    return List.copyOf(landings);
  }
}
