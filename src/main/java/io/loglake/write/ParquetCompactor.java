package io.loglake.write;

import io.loglake.LoglakeException;
import io.loglake.schema.CuratedPartition;
import io.loglake.schema.LogSchema;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the small files of curated parquet partitions into one file per partition (or several of
 * about the target size), with a protocol that needs neither an atomic rename nor an append (S3)
 * and survives a kill at any moment:
 *
 * <ol>
 *   <li>the rows of exactly the listed input files are written into {@code
 *       <curated>/_compaction/<id>/dt=…/hr=…/} (a {@code _} folder Spark, Hive and Athena ignore),
 *       each file named {@code <id>-part-…};
 *   <li>a manifest {@code <state>/compaction/<id>.json} names the inputs, the staged files and
 *       their final names: one PUT, after which the compaction is finished by whoever finds it;
 *   <li>each staged file is moved into its partition;
 *   <li>the input files are deleted;
 *   <li>the staging folder, then the manifest, are deleted.
 * </ol>
 *
 * <p>{@link #recover} finishes every manifest it finds (moves what is still staged, deletes the
 * inputs still there, then the manifest) and deletes staging that has no manifest (a compaction
 * killed before step 2: its inputs are untouched). It must run before anything reads the table to
 * dedupe against it, and before a new compaction. Between steps 3 and 4 a reader listing a
 * partition sees both the old and the new files: that partition's rows twice, for as long as the
 * deletes take (or until recovery, after a kill). One writer at a time per table, as for {@link
 * CuratedWriter}: a compaction must not run while an etl or stream write runs on the same table.
 */
public final class ParquetCompactor {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetCompactor.class);

  /** The staging folder under the curated root. */
  public static final String STAGING_FOLDER = "_compaction";

  /** The manifests' folder under the state folder. */
  public static final String MANIFEST_FOLDER = "compaction";

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final String ADVISORY_SIZE = "spark.sql.adaptive.advisoryPartitionSizeInBytes";

  /** Curated rows take about this many shuffle bytes per Parquet byte (see EtlJob). */
  private static final long SHUFFLE_BYTES_PER_FILE_BYTE = 2;

  /** The points of the protocol after which a test can stop it ({@link StepListener}). */
  public enum Step {
    STAGED,
    MANIFEST_WRITTEN,
    FIRST_FILE_MOVED,
    FILES_MOVED,
    FIRST_INPUT_DELETED,
    INPUTS_DELETED,
    STAGING_DELETED
  }

  /** Told after each step; a test seam that throws to stop the protocol there. */
  public interface StepListener {
    StepListener NONE = step -> {};

    void after(Step step);
  }

  /**
   * What a compaction did.
   *
   * @param partitions the partitions rewritten, sorted
   * @param filesRewritten input files replaced
   * @param filesWritten files that replaced them
   * @param recovered interrupted compactions finished first
   */
  public record Result(
      String id,
      List<CuratedPartition> partitions,
      long filesRewritten,
      long filesWritten,
      int recovered) {}

  private final String curatedPath;
  private final String statePath;
  private final long targetFileBytes;
  private final StepListener listener;

  public ParquetCompactor(
      String curatedPath, String statePath, long targetFileBytes, StepListener listener) {
    this.curatedPath = curatedPath;
    this.statePath = statePath;
    this.targetFileBytes = targetFileBytes;
    this.listener = listener;
  }

  /**
   * Finishes the compactions a kill interrupted and deletes staging without a manifest; returns how
   * many compactions it finished. Cheap when there is nothing: two listings.
   */
  public int recover(SparkSession spark) {
    try {
      FileSystem fs = fs(spark);
      FileSystem stateFs = stateFs(spark);
      int finished = 0;
      Path manifests = new Path(statePath, MANIFEST_FOLDER);
      for (FileStatus file : list(stateFs, manifests)) {
        String name = file.getPath().getName();
        if (!name.endsWith(".json")) {
          continue;
        }
        String id = name.substring(0, name.length() - ".json".length());
        CompactionManifest manifest;
        try (InputStream in = stateFs.open(file.getPath())) {
          manifest = CompactionManifest.parse(in.readAllBytes());
        } catch (IOException cutShort) {
          // A PUT is all or nothing on S3; a local write killed half-way leaves part of the JSON.
          // Either way nothing was moved yet (moves start after the manifest is whole).
          LOG.warn("compaction {}: unreadable manifest, its staging is dropped", id);
          fs.delete(new Path(staging(), id), true);
          stateFs.delete(file.getPath(), false);
          continue;
        }
        LOG.info("compaction {}: finishing what a stopped run left", id);
        finish(fs, stateFs, manifest, StepListener.NONE);
        finished++;
      }
      for (FileStatus folder : list(fs, staging())) {
        if (folder.isDirectory()) {
          LOG.info("compaction {}: staging without a manifest dropped", folder.getPath().getName());
          fs.delete(folder.getPath(), true);
        }
      }
      return finished;
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot recover an interrupted compaction of " + curatedPath + ": " + e.getMessage(),
          "check that the curated and state folders are writable, then rerun; nothing was lost",
          e);
    }
  }

  /**
   * The existing partitions of the table that {@code keep} accepts, found by listing the root and
   * each {@code dt=} folder (on-demand compaction only: this lists the whole table's folders).
   */
  public List<CuratedPartition> partitions(SparkSession spark, Predicate<CuratedPartition> keep) {
    List<CuratedPartition> found = new ArrayList<>();
    try {
      FileSystem fs = fs(spark);
      for (FileStatus date : list(fs, new Path(curatedPath))) {
        if (!date.isDirectory() || !date.getPath().getName().startsWith(LogSchema.DT + "=")) {
          continue;
        }
        for (FileStatus hour : list(fs, date.getPath())) {
          try {
            CuratedPartition partition =
                CuratedPartition.parse(date.getPath().getName() + "/" + hour.getPath().getName());
            if (hour.isDirectory() && keep.test(partition)) {
              found.add(partition);
            }
          } catch (IllegalArgumentException notAPartition) {
            // e.g. hr=__HIVE_DEFAULT_PARTITION__: no curated rows
          }
        }
      }
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot list the curated zone at " + curatedPath + ": " + e.getMessage(),
          "check that the path is readable; nothing was compacted",
          e);
    }
    return found;
  }

  /**
   * Recovers, then compacts those of {@code candidates} that exist and hold more small files
   * (smaller than the target) than the files their rows make: each is one listing.
   */
  public Result compact(SparkSession spark, Collection<CuratedPartition> candidates) {
    int recovered = recover(spark);
    String id =
        "compact-"
            + ID_TIME.format(Instant.now())
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    try {
      FileSystem fs = fs(spark);
      List<CuratedPartition> chosen = new ArrayList<>();
      List<List<String>> inputs = new ArrayList<>();
      for (CuratedPartition partition : new TreeSet<>(candidates)) {
        List<String> small = smallFiles(fs, partition);
        if (!small.isEmpty()) {
          chosen.add(partition);
          inputs.add(small);
        }
      }
      if (chosen.isEmpty()) {
        return new Result(null, List.of(), 0, 0, recovered);
      }
      Path stagingRoot = new Path(staging(), id);
      LOG.info("compaction {}: staging the rows of {} partitions", id, chosen.size());
      stage(spark, inputs.stream().flatMap(List::stream).toArray(String[]::new), stagingRoot, id);
      listener.after(Step.STAGED);
      List<CompactionManifest.Partition> parts = new ArrayList<>();
      long written = 0;
      for (int i = 0; i < chosen.size(); i++) {
        CuratedPartition partition = chosen.get(i);
        List<String> staged = new ArrayList<>();
        List<String> finals = new ArrayList<>();
        for (FileStatus file : list(fs, new Path(stagingRoot, partition.pathSegment()))) {
          if (file.isFile() && file.getPath().getName().endsWith(".parquet")) {
            staged.add(file.getPath().toString());
            finals.add(
                new Path(new Path(curatedPath, partition.pathSegment()), file.getPath().getName())
                    .toString());
          }
        }
        written += staged.size();
        parts.add(
            new CompactionManifest.Partition(
                partition.pathSegment(), inputs.get(i), staged, finals));
      }
      if (written == 0) {
        throw new IOException("the staged rows are missing from " + stagingRoot);
      }
      CompactionManifest manifest = new CompactionManifest(id, parts);
      FileSystem stateFs = stateFs(spark);
      try (OutputStream out = stateFs.create(manifestPath(id), false)) {
        out.write(manifest.toJson());
      }
      listener.after(Step.MANIFEST_WRITTEN);
      LOG.info("compaction {}: manifest written, moving {} files", id, written);
      finish(fs, stateFs, manifest, listener);
      long rewritten = inputs.stream().mapToLong(List::size).sum();
      LOG.info(
          "compaction {}: {} partitions, {} files -> {}", id, chosen.size(), rewritten, written);
      return new Result(id, List.copyOf(chosen), rewritten, written, recovered);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot compact the curated zone at " + curatedPath + ": " + e.getMessage(),
          "no row is lost: the next etl, stream or compact run finishes or drops what this one"
              + " left; check the curated and state folders are writable",
          e);
    }
  }

  /**
   * The partition's data files smaller than the target, when there are more of them than the files
   * their bytes make at the target size (so a compacted partition is left alone); else none.
   */
  private List<String> smallFiles(FileSystem fs, CuratedPartition partition) throws IOException {
    List<String> small = new ArrayList<>();
    long bytes = 0;
    for (FileStatus file : list(fs, new Path(curatedPath, partition.pathSegment()))) {
      String name = file.getPath().getName();
      if (file.isFile()
          && !name.startsWith("_")
          && !name.startsWith(".")
          && name.endsWith(".parquet")
          && file.getLen() < targetFileBytes) {
        small.add(file.getPath().toString());
        bytes += file.getLen();
      }
    }
    long filesAfter = Math.max(1, (bytes + targetFileBytes - 1) / targetFileBytes);
    return small.size() > filesAfter ? small : List.of();
  }

  /** Step 1: the rows of exactly {@code inputs}, written under {@code stagingRoot}. */
  private void stage(SparkSession spark, String[] inputs, Path stagingRoot, String id) {
    Dataset<Row> rows =
        spark.read().schema(LogSchema.CURATED).option("basePath", curatedPath).parquet(inputs);
    RuntimeConfig conf = spark.conf();
    String previous = conf.contains(ADVISORY_SIZE) ? conf.get(ADVISORY_SIZE) : null;
    conf.set(ADVISORY_SIZE, targetFileBytes * SHUFFLE_BYTES_PER_FILE_BYTE);
    try {
      new CuratedWriter(stagingRoot.toString(), Duration.ZERO).append(rows, id);
    } finally {
      if (previous == null) {
        conf.unset(ADVISORY_SIZE);
      } else {
        conf.set(ADVISORY_SIZE, previous);
      }
    }
  }

  /** Steps 3 to 5, each of which can be redone: what is already done is skipped. */
  private void finish(
      FileSystem fs, FileSystem stateFs, CompactionManifest manifest, StepListener steps)
      throws IOException {
    // Guard against a lost staging (e.g. a second writer's recovery deleted it): the inputs are
    // only deleted when every replacement is in place.
    for (CompactionManifest.Partition part : manifest.partitions()) {
      for (int i = 0; i < part.staged().size(); i++) {
        if (!fs.exists(new Path(part.staged().get(i)))
            && !fs.exists(new Path(part.finals().get(i)))) {
          throw new IOException(
              "compaction "
                  + manifest.id()
                  + " lost "
                  + part.staged().get(i)
                  + "; its inputs are kept (manifest "
                  + manifestPath(manifest.id())
                  + ")");
        }
      }
    }
    boolean first = true;
    for (CompactionManifest.Partition part : manifest.partitions()) {
      for (int i = 0; i < part.staged().size(); i++) {
        Path staged = new Path(part.staged().get(i));
        Path target = new Path(part.finals().get(i));
        if (fs.exists(staged)) {
          if (fs.exists(target)) {
            // A move that copied but did not delete (S3's rename is copy + delete).
            fs.delete(staged, false);
          } else if (!fs.rename(staged, target)) {
            throw new IOException("cannot move " + staged + " to " + target);
          }
        }
        if (first) {
          steps.after(Step.FIRST_FILE_MOVED);
          first = false;
        }
      }
    }
    steps.after(Step.FILES_MOVED);
    first = true;
    for (CompactionManifest.Partition part : manifest.partitions()) {
      for (String input : part.inputs()) {
        fs.delete(new Path(input), false);
        if (first) {
          steps.after(Step.FIRST_INPUT_DELETED);
          first = false;
        }
      }
    }
    steps.after(Step.INPUTS_DELETED);
    fs.delete(new Path(staging(), manifest.id()), true);
    steps.after(Step.STAGING_DELETED);
    stateFs.delete(manifestPath(manifest.id()), false);
  }

  private Path staging() {
    return new Path(curatedPath, STAGING_FOLDER);
  }

  private Path manifestPath(String id) {
    return new Path(new Path(statePath, MANIFEST_FOLDER), id + ".json");
  }

  private FileSystem fs(SparkSession spark) throws IOException {
    return new Path(curatedPath).getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  private FileSystem stateFs(SparkSession spark) throws IOException {
    return new Path(statePath).getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  private static List<FileStatus> list(FileSystem fs, Path folder) throws IOException {
    try {
      return Arrays.asList(fs.listStatus(folder));
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }
}
