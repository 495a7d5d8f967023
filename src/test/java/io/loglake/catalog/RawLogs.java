package io.loglake.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The records of a generated raw zone, read with plain Java and Jackson — none of loglake's reader,
 * parser or SQL — so that expected query results are computed independently of what is tested.
 */
public final class RawLogs {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One raw record; {@code ts} parsed from {@code timestamp} (the generator writes UTC with Z). */
  public record Raw(
      String timestamp,
      String level,
      String service,
      String message,
      String userId,
      String ip,
      String eventId,
      Instant ts) {
    public LocalDate date() {
      return ts.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public int hour() {
      return ts.atZone(ZoneOffset.UTC).getHour();
    }

    public boolean warnOrError() {
      return level.equals("WARN") || level.equals("ERROR");
    }

    /** The fields a table row holds, joined with '|'. */
    public String fields() {
      return String.join("|", timestamp, level, service, message, userId, ip, eventId);
    }
  }

  private RawLogs() {}

  public static List<Raw> read(Path root) {
    List<Raw> records = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".gz")).sorted().toList()) {
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
              continue;
            }
            JsonNode node = JSON.readTree(line);
            records.add(
                new Raw(
                    node.get("timestamp").asText(),
                    node.get("level").asText(),
                    node.get("service").asText(),
                    node.get("message").asText(),
                    node.get("user_id").asText(),
                    node.get("ip").asText(),
                    node.get("event_id").asText(),
                    Instant.parse(node.get("timestamp").asText())));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  /**
   * The record of one line (Kafka records are one line each), or empty when Jackson cannot read it
   * as a record with every field (a malformed one).
   */
  public static java.util.Optional<Raw> parseLine(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      for (String field :
          List.of("timestamp", "level", "service", "message", "user_id", "ip", "event_id")) {
        if (node == null || !node.hasNonNull(field)) {
          return java.util.Optional.empty();
        }
      }
      return java.util.Optional.of(
          new Raw(
              node.get("timestamp").asText(),
              node.get("level").asText(),
              node.get("service").asText(),
              node.get("message").asText(),
              node.get("user_id").asText(),
              node.get("ip").asText(),
              node.get("event_id").asText(),
              Instant.parse(node.get("timestamp").asText())));
    } catch (IOException | RuntimeException malformed) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The rows a correct curated table holds for these raw records, as {@code dt|hr|fields} with
   * their count: WARN/ERROR, once per event_id (the first copy).
   */
  public static Map<String, Long> expectedCuratedRows(List<Raw> records) {
    Map<String, String> byEventId = new HashMap<>();
    for (Raw r : records) {
      if (r.warnOrError()) {
        byEventId.putIfAbsent(r.eventId(), r.date() + "|" + r.hour() + "|" + r.fields());
      }
    }
    Map<String, Long> rows = new HashMap<>();
    byEventId.values().forEach(row -> rows.put(row, 1L));
    return rows;
  }
}
