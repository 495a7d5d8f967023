package io.loglake.source;

import io.loglake.LoglakeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the raw files under one or more roots (any Hadoop file system: {@code file:}, {@code
 * s3a:}). Names starting with {@code .} or {@code _} are skipped at every level below a root, as
 * Spark and Hive skip them: they are temporary or metadata files (the local sink's half-written
 * objects).
 */
public final class RawFileLister {
  private RawFileLister() {}

  /** All files under {@code roots}, sorted by path; a root may also be a single file. */
  public static RawFiles list(Configuration hadoopConf, List<String> roots, boolean mustExist) {
    List<RawFiles.RawFile> files = new ArrayList<>();
    for (String root : roots) {
      Path rootPath = new Path(root);
      try {
        FileSystem fs = rootPath.getFileSystem(hadoopConf);
        Path qualified = fs.makeQualified(rootPath);
        FileStatus status;
        try {
          status = fs.getFileStatus(qualified);
        } catch (FileNotFoundException e) {
          if (mustExist) {
            throw new LoglakeException(
                "Cannot read raw logs: " + root + " does not exist",
                "check the path, or write sample logs there with"
                    + " `loglake produce --sink local --out "
                    + root
                    + " --records 100000`");
          }
          continue;
        }
        if (status.isFile()) {
          files.add(new RawFiles.RawFile(qualified.toString(), status.getLen()));
          continue;
        }
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
          walk(fs, qualified, files);
        } else {
          // Object stores list a whole prefix in a few paged calls: far cheaper than a walk.
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(qualified, true);
          String prefix = qualified.toString();
          while (it.hasNext()) {
            LocatedFileStatus file = it.next();
            String path = file.getPath().toString();
            if (file.isFile()
                && !isHidden(path.substring(Math.min(prefix.length(), path.length())))) {
              files.add(new RawFiles.RawFile(path, file.getLen()));
            }
          }
        }
      } catch (IOException e) {
        throw new LoglakeException(
            "Cannot list raw logs under " + root + ": " + e.getMessage(),
            "check that the path is readable and the file system is reachable",
            e);
      }
    }
    files.sort(Comparator.comparing(RawFiles.RawFile::path));
    return new RawFiles(files);
  }

  /**
   * Walks a local folder with plain listings: the local file system's recursive {@code listFiles}
   * asks for block locations and permissions, which costs a process fork per file.
   */
  private static void walk(FileSystem fs, Path folder, List<RawFiles.RawFile> files)
      throws IOException {
    for (FileStatus status : fs.listStatus(folder)) {
      String name = status.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      if (status.isDirectory()) {
        walk(fs, status.getPath(), files);
      } else {
        files.add(new RawFiles.RawFile(status.getPath().toString(), status.getLen()));
      }
    }
  }

  /** True when a component of the path below the root starts with '.' or '_'. */
  static boolean isHidden(String relativePath) {
    for (String part : relativePath.split("/")) {
      if (!part.isEmpty() && (part.charAt(0) == '.' || part.charAt(0) == '_')) {
        return true;
      }
    }
    return false;
  }
}
