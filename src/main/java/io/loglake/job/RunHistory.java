package io.loglake.job;

import io.loglake.LoglakeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run reports kept beside the data, one JSON object each, {@code <runId>.json} in one folder:
 * {@code etl}'s in {@link #etlFolder} (the newest {@link #ETL_KEPT}), a stream's micro-batches' in
 * {@link #streamFolder}. Run ids start with their UTC start time, so names sort by time. Each
 * report is written in one create/close (S3: one PUT, never renamed or rewritten); after each write
 * all but the newest {@code kept} are deleted. Readers ({@code loglake check}, the dashboard) take
 * the newest first through {@link #read}.
 */
public final class RunHistory {
  private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);

  /** Reports of {@code etl} runs kept: a year of hourly runs is 8,760; 1,000 is six weeks. */
  public static final int ETL_KEPT = 1000;

  /** The folder of the reports, under the state, and under its {@code stream/} folder. */
  public static final String FOLDER = "reports";

  private final FileSystem fs;
  private final Path folder;
  private final int kept;

  /** The history in {@code folder}, keeping the newest {@code kept} reports. */
  public RunHistory(Configuration hadoopConf, String folder, int kept) {
    if (kept < 1) {
      throw new IllegalArgumentException("a history keeps 1 report or more, got " + kept);
    }
    this.folder = new Path(folder);
    this.kept = kept;
    try {
      this.fs = this.folder.getFileSystem(hadoopConf);
      fs.setWriteChecksum(false);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot open the run history " + folder + ": " + e.getMessage(),
          "check the --state path and that its file system is reachable",
          e);
    }
  }

  /** {@code <state>/reports}: where {@code etl} runs keep their reports. */
  public static String etlFolder(String statePath) {
    return statePath.replaceAll("/+$", "") + "/" + FOLDER;
  }

  /** {@code <state>/stream/reports}: where a stream's micro-batches keep theirs. */
  public static String streamFolder(String statePath) {
    return statePath.replaceAll("/+$", "") + "/stream/" + FOLDER;
  }

  /** Both folders of the state at {@code statePath}: etl's, then the stream's. */
  public static List<String> folders(String statePath) {
    return List.of(etlFolder(statePath), streamFolder(statePath));
  }

  /** The folder. */
  public String path() {
    return folder.toString();
  }

  /**
   * Writes {@code report}, then deletes the oldest beyond the number kept.
   *
   * @throws LoglakeException when the report cannot be written (the caller decides what that means
   *     for its run)
   */
  public void write(RunReport report) {
    Path target = new Path(folder, report.runId() + ".json");
    try {
      try (OutputStream out = fs.create(target, false)) {
        out.write(report.toJson().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
      List<FileStatus> reports = newestFirst(fs, folder);
      for (FileStatus old : reports.subList(Math.min(kept, reports.size()), reports.size())) {
        fs.delete(old.getPath(), false);
      }
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot keep the run report " + target + ": " + e.getMessage(),
          "check that the --state folder is writable; the run's data is written",
          e);
    }
  }

  /**
   * The newest {@code limit} reports of {@code folders} together, newest first (by run id). A
   * folder that does not exist holds none; a report that cannot be parsed (a file not written by
   * loglake) is skipped with a warning in the log.
   *
   * @throws LoglakeException when a folder cannot be listed or a report read
   */
  public static List<RunReport> read(Configuration hadoopConf, List<String> folders, int limit) {
    List<FileStatus> all = new ArrayList<>();
    for (String name : folders) {
      Path folder = new Path(name);
      try {
        FileSystem fs = folder.getFileSystem(hadoopConf);
        if (fs.exists(folder)) {
          all.addAll(newestFirst(fs, folder));
        }
      } catch (IOException e) {
        throw cannotRead(name, e);
      }
    }
    all.sort(byNameNewestFirst());
    List<RunReport> reports = new ArrayList<>();
    for (FileStatus status : all) {
      if (reports.size() >= limit) {
        break;
      }
      Path path = status.getPath();
      String text;
      try (InputStream in = path.getFileSystem(hadoopConf).open(path)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw cannotRead(path.toString(), e);
      }
      try {
        reports.add(RunReport.fromJson(text));
      } catch (IllegalArgumentException e) {
        LOG.warn("skipping {}: not a run report ({})", path, e.getMessage());
      }
    }
    return List.copyOf(reports);
  }

  private static List<FileStatus> newestFirst(FileSystem fs, Path folder) throws IOException {
    return Arrays.stream(fs.listStatus(folder))
        .filter(s -> s.isFile() && s.getPath().getName().endsWith(".json"))
        .sorted(byNameNewestFirst())
        .toList();
  }

  private static Comparator<FileStatus> byNameNewestFirst() {
    return Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed();
  }

  private static LoglakeException cannotRead(String path, IOException e) {
    return new LoglakeException(
        "Cannot read the run history " + path + ": " + e.getMessage(),
        "check the --state path and that its file system is reachable",
        e);
  }
}
