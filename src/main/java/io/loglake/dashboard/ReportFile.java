package io.loglake.dashboard;

import io.loglake.LoglakeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code loglake report}'s HTML file atomically: into a temporary file in the same folder,
 * then renamed over the target, so a reader sees the old file or the whole new one. A local file
 * (the report is for sharing by hand, neither data nor state of the lake).
 */
public final class ReportFile {
  private ReportFile() {}

  /** Writes {@code html} to {@code target}; throws {@link LoglakeException} when it cannot. */
  public static void write(Path target, String html) {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Path temporary = null;
    try {
      if (Files.isDirectory(absolute)) {
        throw new IOException("it is a folder");
      }
      temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
      Files.writeString(temporary, html, StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // The temporary file is hidden (leading dot) and named after the report.
        }
      }
      throw new LoglakeException(
          "Cannot write the report to " + target + ": " + e,
          "check that the folder exists and is writable, or pick another --out",
          e);
    }
  }
}
