package io.loglake.producer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a raw zone back in tests: object keys, gunzipped lines. */
public final class RawZoneFiles {
  private RawZoneFiles() {}

  /** Every regular file under {@code root}, as '/'-separated paths relative to it, sorted. */
  public static List<String> allFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The uncompressed text of the object at {@code key}. */
  public static String text(Path root, String key) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(root.resolve(key)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of the object at {@code key}; each must end with a newline. */
  public static List<String> lines(Path root, String key) {
    String text = text(root, key);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new AssertionError(key + " does not end with a newline");
    }
    List<String> lines = Arrays.asList(text.split("\n", -1));
    return lines.subList(0, lines.size() - 1);
  }

  /**
   * The lines of every object, objects ordered by their first line: for generated records, whose
   * lines start with an increasing timestamp, that is the order they were sent in.
   */
  public static List<String> allLines(Path root) {
    List<List<String>> objects = new ArrayList<>();
    for (String key : allFiles(root)) {
      objects.add(lines(root, key));
    }
    objects.sort(Comparator.comparing(object -> object.get(0)));
    List<String> lines = new ArrayList<>();
    objects.forEach(lines::addAll);
    return lines;
  }

  public static byte[] bytes(Path root, String key) {
    try {
      return Files.readAllBytes(root.resolve(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
