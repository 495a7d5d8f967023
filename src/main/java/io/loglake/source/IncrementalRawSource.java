package io.loglake.source;

import io.loglake.LoglakeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The raw objects of a raw zone that no earlier successful incremental run processed ({@code
 * loglake etl --incremental}).
 *
 * <p>{@link #files} reads the newest checkpoint of the {@link IncrementalState}. With none (the
 * first run) it lists the whole raw zone. Otherwise it lists only the hour folders from the newest
 * hour folder processed minus the lookback to the current hour plus one (clock skew between the
 * producer and this run), and keeps the objects the checkpoint does not name with the same size and
 * modification time. An object that appears later in an hour folder older than that window is never
 * read: the lookback must exceed the longest delay between a record's arrival (which names the
 * folder) and its object appearing (Firehose: the buffer interval, up to 900 s, plus retries).
 *
 * <p>{@link #commit}, called after the run's data is written, writes the next checkpoint: the
 * objects read except those that could not be read in full, which the next run reads again.
 */
public final class IncrementalRawSource implements LogSource {
  private final String root;
  private final IncrementalState state;
  private final Duration lookback;
  private final Instant now;

  private String qualifiedRoot;
  private IncrementalState.Found found;
  private Instant listedFrom;
  private Instant listedTo;
  private int foldersListed;
  private int objectsListed;
  private int alreadyProcessed;
  private List<ListedObject> toRead = List.of();

  public IncrementalRawSource(String root, IncrementalState state, Duration lookback, Instant now) {
    this.root = root;
    this.state = state;
    this.lookback = lookback;
    this.now = now;
  }

  @Override
  public RawFiles files(SparkSession spark) {
    return files(spark.sparkContext().hadoopConfiguration());
  }

  /** As {@link #files(SparkSession)}, on a Hadoop configuration. */
  public RawFiles files(Configuration hadoopConf) {
    Path rootPath = new Path(root);
    found = state.newest();
    HourFolderLister.Listing listing;
    try {
      FileSystem fs = rootPath.getFileSystem(hadoopConf);
      Path qualified = fs.makeQualified(rootPath);
      qualifiedRoot = qualified.toString();
      try {
        if (!fs.getFileStatus(qualified).isDirectory()) {
          throw new LoglakeException(
              "Cannot run incrementally over " + root + ": it is a file, not a folder",
              "give --raw the raw zone's root, the folder holding the YYYY/MM/DD/HH folders");
        }
      } catch (FileNotFoundException e) {
        throw new LoglakeException(
            "Cannot read raw logs: " + root + " does not exist",
            "check the path, or write sample logs there with `loglake produce --sink local --out "
                + root
                + " --records 100000`");
      }
      Optional<Checkpoint> last = found.checkpoint();
      if (last.isPresent() && !last.get().rawRoot().equals(qualifiedRoot)) {
        throw new LoglakeException(
            "Cannot run incrementally over "
                + qualifiedRoot
                + ": the state in "
                + state.path()
                + " is the progress of "
                + last.get().rawRoot(),
            "give each raw zone its own --state");
      }
      HourFolderLister lister = new HourFolderLister(fs, qualified);
      if (last.isEmpty() || last.get().newestHour() == null) {
        listing = lister.all();
      } else {
        listedFrom = windowStart(last.get().newestHour());
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        listedTo = currentHour.isBefore(listedFrom) ? listedFrom : currentHour;
        listing = lister.window(listedFrom, listedTo);
      }
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot list raw logs under " + root + ": " + e.getMessage(),
          "check that the path is readable and the file system is reachable",
          e);
    }
    Set<ListedObject> processed =
        found.checkpoint().map(c -> Set.copyOf(c.processed())).orElse(Set.of());
    List<ListedObject> fresh = new ArrayList<>();
    for (ListedObject object : listing.objects()) {
      if (!processed.contains(object)) {
        fresh.add(object);
      }
    }
    foldersListed = listing.foldersListed();
    objectsListed = listing.objects().size();
    alreadyProcessed = objectsListed - fresh.size();
    toRead = List.copyOf(fresh);
    return new RawFiles(toRead.stream().map(ListedObject::rawFile).toList());
  }

  private Instant windowStart(Instant newestHour) {
    return newestHour.minus(lookback).truncatedTo(ChronoUnit.HOURS);
  }

  /**
   * Writes the checkpoint after a successful run: the objects {@link #files} returned, except
   * {@code unreadablePaths}, are processed. Writes nothing when no object was newly processed.
   *
   * @return the checkpoint's name, or empty when none was written
   */
  public Optional<String> commit(String runId, Collection<String> unreadablePaths) {
    if (found == null) {
      throw new IllegalStateException("files() must be called before commit()");
    }
    Set<String> unreadable = new HashSet<>(unreadablePaths);
    List<ListedObject> done = new ArrayList<>();
    for (ListedObject object : toRead) {
      if (!unreadable.contains(object.path())) {
        done.add(object);
      }
    }
    if (done.isEmpty()) {
      return Optional.empty();
    }
    Optional<Checkpoint> last = found.checkpoint();
    Instant newest = last.map(Checkpoint::newestHour).orElse(null);
    for (ListedObject object : done) {
      Optional<Instant> hour = HourFolderLister.hourOf(qualifiedRoot, object.path());
      if (hour.isPresent() && (newest == null || hour.get().isAfter(newest))) {
        newest = hour.get();
      }
    }
    // Keep what the next run's window can list again; an object outside it is never listed. With
    // no hour folder processed yet the next run lists everything, so everything is kept.
    Set<ListedObject> kept =
        new TreeSet<>(
            Comparator.comparing(ListedObject::path)
                .thenComparingLong(ListedObject::length)
                .thenComparingLong(ListedObject::modificationTime));
    List<ListedObject> candidates = new ArrayList<>(done);
    last.ifPresent(c -> candidates.addAll(c.processed()));
    Instant nextStart = newest == null ? null : windowStart(newest);
    for (ListedObject object : candidates) {
      Optional<Instant> hour = HourFolderLister.hourOf(qualifiedRoot, object.path());
      if (nextStart == null || (hour.isPresent() && !hour.get().isBefore(nextStart))) {
        kept.add(object);
      }
    }
    long sequence = found.highestSequence() + 1;
    return Optional.of(
        state.commit(new Checkpoint(sequence, runId, qualifiedRoot, newest, List.copyOf(kept))));
  }

  /** The state folder. */
  public String statePath() {
    return state.path();
  }

  /** The checkpoint {@link #files} started from, or null on a first run. */
  public String checkpointRead() {
    return found == null ? null : found.checkpoint().map(c -> found.name()).orElse(null);
  }

  /** The first hour folder listed, or null when the whole raw zone was listed. */
  public Instant listedFrom() {
    return listedFrom;
  }

  /** The last hour folder listed, or null when the whole raw zone was listed. */
  public Instant listedTo() {
    return listedTo;
  }

  /** Folder listings made to find the objects (for a whole listing on S3: one paged listing). */
  public int foldersListed() {
    return foldersListed;
  }

  /** Objects listed, read or not. */
  public int objectsListed() {
    return objectsListed;
  }

  /** Objects listed that an earlier run processed, so not read again. */
  public int alreadyProcessed() {
    return alreadyProcessed;
  }

  @Override
  public String noFilesReason() {
    return objectsListed == 0
        ? "it holds no object in the hour folders listed"
        : "every object listed was processed by an earlier run";
  }

  @Override
  public String describe() {
    return root;
  }
}
