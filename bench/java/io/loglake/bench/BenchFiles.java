package io.loglake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File helpers the benchmark needs and {@link Files} lacks. */
final class BenchFiles {
  private BenchFiles() {}

  /** How many files, and how many bytes they hold. */
  record Tally(int files, long bytes) {}

  /** The files under {@code folder} whose names end with {@code suffix}. */
  static Tally tally(Path folder, String suffix) {
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Path> files = walk.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
      long bytes = 0;
      for (Path file : files) {
        bytes += Files.size(file);
      }
      return new Tally(files.size(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files under " + folder, e);
    }
  }

  /** Deletes {@code path} and everything under it; nothing when it does not exist. */
  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }
}
