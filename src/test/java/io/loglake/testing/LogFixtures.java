package io.loglake.testing;

import io.loglake.transform.ParseTransform;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Named factories for raw test records and raw zones. */
public final class LogFixtures {
  public static final String SOURCE =
      "file:/test/raw/2025/11/09/10/stream-1-2025-11-09-10-00-00-x.gz";

  private LogFixtures() {}

  /** A well-formed raw record. */
  public static String record(String timestamp, String level, String service) {
    return record(timestamp, level, service, "sample log message", "user_1", null);
  }

  public static String record(
      String timestamp,
      String level,
      String service,
      String message,
      String userId,
      String eventId) {
    StringBuilder json = new StringBuilder("{");
    json.append("\"timestamp\":").append(quote(timestamp));
    json.append(",\"level\":").append(quote(level));
    json.append(",\"service\":").append(quote(service));
    json.append(",\"message\":").append(quote(message));
    json.append(",\"user_id\":").append(quote(userId));
    json.append(",\"ip\":\"10.0.0.1\"");
    if (eventId != null) {
      json.append(",\"event_id\":").append(quote(eventId));
    }
    return json.append('}').toString();
  }

  public static String error(String timestamp, String service) {
    return record(timestamp, "ERROR", service);
  }

  public static String warn(String timestamp, String service) {
    return record(timestamp, "WARN", service);
  }

  public static String info(String timestamp, String service) {
    return record(timestamp, "INFO", service);
  }

  /** A dataset of raw lines (schema {@link ParseTransform#LINES}) from one source file. */
  public static Dataset<Row> lines(SparkSession spark, String... lines) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      rows.add(RowFactory.create(SOURCE, line, null));
    }
    return spark.createDataFrame(rows, ParseTransform.LINES);
  }

  /** Writes {@code lines} GZIP'd to {@code file} (creating folders), each newline-terminated. */
  public static Path gzipFile(Path file, String... lines) {
    return write(file, true, String.join("\n", Arrays.asList(lines)) + "\n");
  }

  /** Writes {@code content} as is, GZIP'd or not. */
  public static Path write(Path file, boolean gzip, String content) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out =
          gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a ZIP archive holding {@code lines} as one entry: a file loglake cannot read (it reads
   * compressed streams, not archives), whatever its name.
   */
  public static Path zipFile(Path file, String... lines) {
    try {
      Files.createDirectories(file.getParent());
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
        out.putNextEntry(new ZipEntry("logs.json"));
        out.write(
            (String.join("\n", Arrays.asList(lines)) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quote(String value) {
    return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
