package io.loglake.producer;

import io.loglake.LoglakeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Objects as files under a root folder: each is written to a hidden temporary file ({@code
 * .<name>.tmp}, skipped by Spark and Hive) in its folder and then atomically renamed, so readers
 * never see a partial object. (Without fsync: a power loss may lose recent objects, a process crash
 * cannot tear one.) Every write failure is a {@link LoglakeException} naming the file: a local disk
 * that failed once is not retried.
 */
public final class LocalRawObjectStore implements RawObjectStore {
  private final Path root;
  private Path lastFolder;

  /**
   * @param root the raw zone's directory, created if missing
   * @throws LoglakeException if {@code root} cannot be created or is not a directory
   */
  public LocalRawObjectStore(Path root) {
    this.root = root;
    createRoot(root);
  }

  public Path root() {
    return root;
  }

  @Override
  public int put(String key, byte[] data, int length) {
    Path target = root.resolve(key);
    Path folder = target.getParent();
    Path temporary = folder.resolve("." + target.getFileName() + ".tmp");
    try {
      if (!folder.equals(lastFolder)) {
        Files.createDirectories(folder);
        lastFolder = folder;
      }
      try (OutputStream out = Files.newOutputStream(temporary)) {
        out.write(data, 0, length);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      return 1;
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new LoglakeException(
          "Cannot write raw object " + target + ": " + describe(e),
          "check that " + root + " is writable and its disk has space",
          e);
    }
  }

  @Override
  public String location(String key) {
    return root.resolve(key).toString();
  }

  @Override
  public String description() {
    return root.toString();
  }

  @Override
  public void close() {
    // Nothing is held open between objects.
  }

  private static void createRoot(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot create raw zone directory " + root + ": " + describe(e),
          Files.isRegularFile(root)
              ? "it is a file: pass a directory (existing or new) as the output"
              : "check that the parent directory exists and is writable",
          e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // The failure being reported matters more; a hidden temporary file is skipped by readers.
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }
}
