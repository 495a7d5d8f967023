package io.loglake.bench;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.hadoop.HadoopFileIO;

/**
 * The independent reader of the latency benchmark: polled every ~200 ms from its own thread, it
 * finds the curated table's data files that became readable since the last poll and reads their
 * {@code event_id} and {@code ts} with DuckDB (never the job's log or Spark). Parquet: a recursive
 * listing of the curated path (Hadoop FS), skipping any path with a component starting with {@code
 * _} or {@code .} (Spark's {@code _temporary}, checksums); a file is readable once listed. Iceberg:
 * the newest {@code metadata/*.metadata.json}, its snapshots' added data files; a row is readable
 * once a metadata file naming its snapshot is there.
 *
 * <p>Each row keeps the time of the poll that first found its file (after the listing or metadata
 * read, before reading the file) and which batch wrote it: the run id that starts a Parquet file's
 * name, or an Iceberg snapshot's commit time.
 */
final class TableWatcher implements AutoCloseable {
  /** One row as first seen: its event time, when it became readable, and its batch. */
  record Row(long eventMillis, long seenMillis, String runId, long commitMillis) {}

  private final FileSystem fs;
  private final Path curated;
  private final boolean iceberg;
  private final Configuration hadoop;
  private final Connection duckdb;
  private final Set<String> filesSeen = new HashSet<>();
  private final Set<Long> snapshotsSeen = new HashSet<>();
  private final Map<String, Row> rows = new HashMap<>();
  private long duplicateRows;
  private int metadataVersion = -1;
  private int filesRead;

  TableWatcher(java.nio.file.Path curated, boolean iceberg) {
    this.hadoop = new Configuration();
    this.curated = new Path(curated.toUri());
    this.iceberg = iceberg;
    try {
      this.fs = this.curated.getFileSystem(hadoop);
      this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + curated, e);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open DuckDB: " + e.getMessage(), e);
    }
  }

  /** One poll: finds what became readable and reads it. */
  synchronized void poll() {
    try {
      if (!fs.exists(curated)) {
        return;
      }
      if (iceberg) {
        pollIceberg();
      } else {
        pollParquet();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot poll " + curated, e);
    }
  }

  private void pollParquet() throws IOException {
    List<Path> fresh = new ArrayList<>();
    for (Path path : visibleFiles(fs, curated)) {
      if (path.getName().endsWith(".parquet") && filesSeen.add(path.toString())) {
        fresh.add(path);
      }
    }
    long seen = System.currentTimeMillis();
    for (Path file : fresh) {
      String name = file.getName();
      int part = name.indexOf("-part-");
      read(file.toUri().getPath(), seen, part > 0 ? name.substring(0, part) : null, -1);
    }
  }

  /**
   * The files under {@code folder}, recursively, skipping every name that starts with {@code _} or
   * {@code .}; a folder that vanishes while listed (Spark's {@code _temporary} is skipped anyway)
   * is left out.
   */
  static List<Path> visibleFiles(FileSystem fs, Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    FileStatus[] children;
    try {
      children = fs.listStatus(folder);
    } catch (FileNotFoundException e) {
      return files;
    }
    for (FileStatus child : children) {
      String name = child.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (child.isDirectory()) {
        files.addAll(visibleFiles(fs, child.getPath()));
      } else {
        files.add(child.getPath());
      }
    }
    return files;
  }

  private void pollIceberg() throws IOException {
    Path folder = new Path(curated, "metadata");
    if (!fs.exists(folder)) {
      return;
    }
    FileStatus newest = null;
    int newestVersion = -1;
    for (FileStatus status : fs.listStatus(folder)) {
      String name = status.getPath().getName();
      if (!name.endsWith(".metadata.json") || name.startsWith(".")) {
        continue;
      }
      int version = Integer.parseInt(name.substring(0, name.indexOf('-')));
      if (version > newestVersion) {
        newestVersion = version;
        newest = status;
      }
    }
    if (newest == null || newestVersion == metadataVersion) {
      return;
    }
    HadoopFileIO io = new HadoopFileIO(hadoop);
    TableMetadata metadata;
    try {
      metadata = TableMetadataParser.read(io, newest.getPath().toString());
    } catch (UncheckedIOException e) { // Iceberg's RuntimeIOException too
      // Still being written (a local commit writes the file in place before the catalog points at
      // it): not readable yet, read again at the next poll.
      return;
    }
    long seen = System.currentTimeMillis();
    metadataVersion = newestVersion;
    List<Snapshot> snapshots = new ArrayList<>(metadata.snapshots());
    snapshots.sort(Comparator.comparingLong(Snapshot::sequenceNumber));
    for (Snapshot snapshot : snapshots) {
      if (!snapshotsSeen.add(snapshot.snapshotId())) {
        continue;
      }
      for (DataFile file : snapshot.addedDataFiles(io)) {
        String location = file.location();
        if (filesSeen.add(location)) {
          read(new Path(location).toUri().getPath(), seen, null, snapshot.timestampMillis());
        }
      }
    }
  }

  private void read(String file, long seen, String runId, long commitMillis) {
    try (PreparedStatement query =
        duckdb.prepareStatement("SELECT event_id, epoch_ms(ts) FROM read_parquet(?)")) {
      query.setString(1, file);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          Row row = new Row(result.getLong(2), seen, runId, commitMillis);
          if (rows.putIfAbsent(result.getString(1), row) != null) {
            duplicateRows++;
          }
        }
      }
      filesRead++;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read " + file + " with DuckDB: " + e.getMessage(), e);
    }
  }

  /** The rows seen so far, by event id (a copy). */
  synchronized Map<String, Row> rows() {
    return new HashMap<>(rows);
  }

  synchronized int distinctRows() {
    return rows.size();
  }

  synchronized long duplicateRows() {
    return duplicateRows;
  }

  synchronized int filesRead() {
    return filesRead;
  }

  @Override
  public synchronized void close() {
    try {
      duckdb.close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close DuckDB: " + e.getMessage(), e);
    }
  }
}
