package io.loglake.source;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The local file system, recording every folder listed: {@link #configuration()} makes {@code
 * file:} paths use it, uncached, so a test sees exactly what the code under test listed.
 */
public final class CountingLocalFileSystem extends LocalFileSystem {
  private static final List<String> LISTED = new CopyOnWriteArrayList<>();

  /** A configuration whose {@code file:} file system is this one. */
  public static Configuration configuration() {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", CountingLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  /** The folders listed since the last {@link #reset}, as paths without the scheme. */
  public static List<String> listed() {
    return List.copyOf(LISTED);
  }

  public static void reset() {
    LISTED.clear();
  }

  @Override
  public FileStatus[] listStatus(Path folder) throws IOException {
    LISTED.add(folder.toUri().getPath());
    return super.listStatus(folder);
  }
}
