package io.loglake.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loglake.LoglakeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The progress of incremental runs, kept on the data's own store (any Hadoop file system) using
 * only what S3 guarantees: an object written in one create/close appears whole or not at all, and a
 * listing shows every object written before it.
 *
 * <p>Each successful run writes one new, never changed checkpoint object, {@code
 * checkpoint-<20-digit sequence>.json}, so names sort by run; a run reads the newest complete one.
 * Nothing is renamed or appended to. After a new checkpoint is written, all but the newest {@link
 * #KEPT} are deleted. A checkpoint that does not parse to the end (a local file system does not
 * make a write atomic; a run killed while writing one) is passed over for the one before it, so the
 * objects of that run are read again.
 *
 * <p>Two runs at once: a checkpoint is created with {@code overwrite=false} under the sequence
 * after the newest name seen, so the second of two runs that read the same checkpoint fails to
 * commit where the store checks that (a local or HDFS file system). S3A checks with a HEAD before
 * its PUT, which two runs can both pass: the later PUT then wins and the other run's objects are
 * read again by the next run. Either way no object is lost; schedule incremental runs so they do
 * not overlap (Glue: MaxConcurrentRuns 1).
 */
public final class IncrementalState {
  /** Checkpoints kept after a commit, newest first; the older ones are only for inspection. */
  public static final int KEPT = 3;

  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{20})\\.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FORMAT = 1;

  private final FileSystem fs;
  private final Path folder;
  private final String description;

  private IncrementalState(FileSystem fs, Path folder, String description) {
    this.fs = fs;
    this.folder = folder;
    this.description = description;
  }

  /** The state in {@code statePath} (created on the first commit). */
  public static IncrementalState at(Configuration hadoopConf, String statePath) {
    Path path = new Path(statePath);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      // A checksummed local file system would write a .crc file beside each checkpoint.
      fs.setWriteChecksum(false);
      return new IncrementalState(fs, fs.makeQualified(path), statePath);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot open the incremental state at " + statePath + ": " + e.getMessage(),
          "check the --state path and that its file system is reachable",
          e);
    }
  }

  /** The state folder, fully qualified. */
  public String path() {
    return folder.toString();
  }

  /** The checkpoint names in the folder, by sequence. */
  private TreeMap<Long, Path> checkpoints() throws IOException {
    TreeMap<Long, Path> byNumber = new TreeMap<>();
    FileStatus[] statuses;
    try {
      statuses = fs.listStatus(folder);
    } catch (FileNotFoundException e) {
      return byNumber;
    }
    for (FileStatus status : statuses) {
      Matcher m = NAME.matcher(status.getPath().getName());
      if (status.isFile() && m.matches()) {
        byNumber.put(Long.parseLong(m.group(1)), status.getPath());
      }
    }
    return byNumber;
  }

  /** What {@link #newest} found: the newest complete checkpoint and the highest sequence named. */
  public record Found(Optional<Checkpoint> checkpoint, String name, long highestSequence) {}

  /** The newest complete checkpoint, if any. */
  public Found newest() {
    try {
      TreeMap<Long, Path> all = checkpoints();
      long highest = all.isEmpty() ? 0 : all.lastKey();
      for (Long sequence : all.descendingKeySet()) {
        Optional<Checkpoint> read = read(all.get(sequence));
        if (read.isPresent()) {
          return new Found(read, all.get(sequence).getName(), highest);
        }
      }
      return new Found(Optional.empty(), null, highest);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot read the incremental state in " + description + ": " + e.getMessage(),
          "check that the --state folder is readable",
          e);
    }
  }

  private Optional<Checkpoint> read(Path path) throws IOException {
    JsonNode root;
    try (InputStream in = fs.open(path)) {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (root == null || !root.path("complete").asBoolean(false)) {
      return Optional.empty();
    }
    if (root.path("format").asInt() != FORMAT) {
      throw new LoglakeException(
          "Cannot read the incremental state " + path + ": format " + root.path("format"),
          "this loglake reads format " + FORMAT + "; use the loglake that wrote it");
    }
    List<ListedObject> processed = new ArrayList<>();
    for (JsonNode object : root.path("processed")) {
      processed.add(
          new ListedObject(
              object.path("path").asText(),
              object.path("length").asLong(),
              object.path("modified").asLong()));
    }
    JsonNode newest = root.path("newest_hour");
    return Optional.of(
        new Checkpoint(
            root.path("sequence").asLong(),
            root.path("run_id").asText(),
            root.path("raw_root").asText(),
            newest.isTextual() ? Instant.parse(newest.asText()) : null,
            processed));
  }

  /**
   * Writes {@code checkpoint} as a new object (never over one) and deletes all but the newest
   * {@link #KEPT}; returns the new object's name.
   *
   * @throws LoglakeException if a checkpoint of that sequence exists (another run committed)
   */
  public String commit(Checkpoint checkpoint) {
    Path path = new Path(folder, String.format("checkpoint-%020d.json", checkpoint.sequence()));
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("sequence", checkpoint.sequence());
    root.put("run_id", checkpoint.runId());
    root.put("raw_root", checkpoint.rawRoot());
    if (checkpoint.newestHour() != null) {
      root.put("newest_hour", checkpoint.newestHour().toString());
    } else {
      root.putNull("newest_hour");
    }
    ArrayNode processed = root.putArray("processed");
    for (ListedObject object : checkpoint.processed()) {
      processed
          .addObject()
          .put("path", object.path())
          .put("length", object.length())
          .put("modified", object.modificationTime());
    }
    // Last, so that a checkpoint cut short never reads as complete.
    root.put("complete", true);
    try {
      byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
      try (OutputStream out = fs.create(path, false)) {
        out.write(bytes);
      }
    } catch (FileAlreadyExistsException e) {
      throw concurrent(path, e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("already exists")) {
        throw concurrent(path, e);
      }
      throw new LoglakeException(
          "Cannot write the incremental checkpoint " + path + ": " + e.getMessage(),
          "the curated data is written; the next run reads this run's objects again (the"
              + " cross-run dedupe keeps their rows once); check that --state is writable",
          e);
    }
    deleteOld();
    return path.getName();
  }

  private LoglakeException concurrent(Path path, IOException e) {
    return new LoglakeException(
        "Cannot commit the incremental state: " + path + " exists, another run committed meanwhile",
        "do not run two incremental runs at once (Glue: MaxConcurrentRuns 1); this run's objects"
            + " are read again by the next run",
        e);
  }

  /** Deletes all but the newest {@link #KEPT} checkpoints; a failure only leaves more behind. */
  private void deleteOld() {
    try {
      TreeMap<Long, Path> all = checkpoints();
      while (all.size() > KEPT) {
        fs.delete(all.pollFirstEntry().getValue(), false);
      }
    } catch (IOException e) {
      // Older checkpoints are never read while a newer one exists: leaving them costs nothing.
    }
  }
}
