package io.loglake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A generated raw zone. Generated once and kept: {@code <folder>.complete} is written only after
 * {@code loglake produce} succeeded, and a folder without it is generated again from scratch.
 */
record RawData(Path folder, int objects, long bytes) {

  static RawData ensure(Path launcher, Path folder, Scale scale, Map<String, String> environment) {
    Path marker = folder.resolveSibling(folder.getFileName() + ".complete");
    if (!Files.exists(marker)) {
      System.out.println(
          "bench: generating "
              + scale.id
              + " ("
              + scale.records
              + " records) into "
              + folder
              + "...");
      BenchFiles.deleteRecursively(folder);
      List<String> command =
          Stream.concat(
                  Stream.of(launcher.toString()),
                  scale.produceArguments(folder.toString()).stream())
              .toList();
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().putAll(environment);
      try {
        int exit = builder.start().waitFor();
        if (exit != 0) {
          throw new IllegalStateException(
              "Cannot generate the " + scale.id + " data: loglake produce exited with " + exit);
        }
        Files.createFile(marker);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot generate the " + scale.id + " data", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Interrupted while generating the " + scale.id + " data", e);
      }
    }
    BenchFiles.Tally objects = BenchFiles.tally(folder, ".gz");
    return new RawData(folder, objects.files(), objects.bytes());
  }
}
