package io.loglake.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** A resolved set of raw files: fully qualified paths with their sizes, in a stable order. */
public record RawFiles(List<RawFile> files) implements Serializable {
  /** One raw file. */
  public record RawFile(String path, long length) implements Serializable {}

  public RawFiles {
    files = List.copyOf(files);
  }

  public int count() {
    return files.size();
  }

  public long totalBytes() {
    return files.stream().mapToLong(RawFile::length).sum();
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }

  /** The files whose path is in {@code paths}. */
  public RawFiles only(Collection<String> paths) {
    Set<String> wanted = Set.copyOf(paths);
    List<RawFile> kept = new ArrayList<>();
    for (RawFile file : files) {
      if (wanted.contains(file.path())) {
        kept.add(file);
      }
    }
    return new RawFiles(kept);
  }
}
