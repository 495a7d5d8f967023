package io.loglake.job;

import io.loglake.LoglakeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run reports of a stream's micro-batches, one JSON object each, {@code <runId>.json} in one
 * folder (run ids start with their UTC start time, so names sort by time); after each write all but
 * the newest {@code kept} are deleted. Each object is written in one create/close (S3: one PUT).
 */
final class StreamReports {
  private final FileSystem fs;
  private final Path folder;
  private final int kept;

  StreamReports(Configuration hadoopConf, String folder, int kept) {
    this.folder = new Path(folder);
    this.kept = kept;
    try {
      this.fs = this.folder.getFileSystem(hadoopConf);
      fs.setWriteChecksum(false);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot open the stream's report folder " + folder + ": " + e.getMessage(),
          "check the --state path and that its file system is reachable",
          e);
    }
  }

  /** The folder. */
  String path() {
    return folder.toString();
  }

  /** Writes {@code report}, then deletes the oldest beyond the number kept. */
  void write(RunReport report) {
    Path target = new Path(folder, report.runId() + ".json");
    try {
      try (OutputStream out = fs.create(target, false)) {
        out.write(report.toJson().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
      List<FileStatus> reports =
          Arrays.stream(fs.listStatus(folder))
              .filter(s -> s.isFile() && s.getPath().getName().endsWith(".json"))
              .sorted(Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed())
              .toList();
      for (FileStatus old : reports.subList(Math.min(kept, reports.size()), reports.size())) {
        fs.delete(old.getPath(), false);
      }
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot write the micro-batch report " + target + ": " + e.getMessage(),
          "check that the --state folder is writable; the batch's data is written",
          e);
    }
  }
}
