package io.loglake.producer;

import io.loglake.LoglakeException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where records that a sink could not deliver go instead of being dropped: one JSON object per
 * line, {@code {"failed_at":…,"sink":…,"reason":…,"attempts":…,"record":"<the record's text>"}},
 * appended to a local file created (with its folders) at the first dead letter. {@code jq -r
 * .record FILE} gives the records back, ready to be sent again.
 *
 * <p>Each write is flushed to the operating system before it returns, so a record counted as
 * dead-lettered survives the process. A file that cannot be written is a {@link LoglakeException}:
 * then the records are neither delivered nor saved, and the run must stop. Not thread-safe.
 */
public final class DeadLetterFile implements AutoCloseable {
  private final Path path;
  private BufferedWriter writer;
  private long written;

  public DeadLetterFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** How many records have been written. */
  public long written() {
    return written;
  }

  /**
   * Appends {@code record}, which {@code sink} could not deliver after {@code attempts} attempts.
   *
   * @param reason why, e.g. the service's error code and message
   */
  public void write(String sink, LogRecord record, String reason, int attempts) {
    StringBuilder line = new StringBuilder(record.json().length() + 160);
    line.append("{\"failed_at\":")
        .append(JsonStrings.quoted(Instant.now().toString()))
        .append(",\"sink\":")
        .append(JsonStrings.quoted(sink))
        .append(",\"reason\":")
        .append(JsonStrings.quoted(reason))
        .append(",\"attempts\":")
        .append(attempts)
        .append(",\"record\":")
        .append(JsonStrings.quoted(record.json()))
        .append("}\n");
    try {
      if (writer == null) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        writer =
            Files.newBufferedWriter(
                path,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
      }
      writer.write(line.toString());
      writer.flush();
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot write undeliverable records to the dead-letter file "
              + path
              + ": "
              + e.getMessage(),
          "pass a writable --dead-letter file; the records that could not be delivered are lost"
              + " otherwise, so this run stops",
          e);
    }
    written++;
  }

  @Override
  public void close() {
    if (writer == null) {
      return;
    }
    try {
      writer.close();
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot close the dead-letter file " + path + ": " + e.getMessage(),
          "check the disk holding " + path,
          e);
    } finally {
      writer = null;
    }
  }
}
