package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.cli.Main;
import io.loglake.producer.LogProducer;
import io.loglake.testing.LogFixtures;
import io.loglake.testing.SparkTestSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates logs with the producer, runs {@code loglake etl} through its public entry point, and
 * checks the curated output against counts computed here from the raw files, without the job's
 * code.
 */
@ExtendWith(SparkTestSession.class)
class EtlEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long RECORDS = 150_000;

  @TempDir Path dir;

  @Test
  void curatedOutputMatchesCountsComputedFromTheRawFiles(SparkSession spark) throws IOException {
    Path raw = dir.resolve("raw");
    LogProducer.produceLocal(
        raw, RECORDS, 11, Instant.parse("2025-11-09T20:00:00Z"), Duration.ofHours(6));
    String error = LogFixtures.error("2025-11-10T00:10:00+02:00", "payment-api");
    LogFixtures.gzipFile(
        raw.resolve("2025/11/10/02/extra-1-2025-11-10-02-00-00-x.gz"),
        error + LogFixtures.warn("2025-11-10T02:00:00Z", "auth-api"),
        error,
        "garbage",
        "");
    LogFixtures.zipFile(raw.resolve("2025/11/10/02/broken-1-2025-11-10-02-00-00-y.gz"), error);
    Path report = dir.resolve("report.json");

    int exit =
        Main.execute(
            "etl",
            "--raw",
            raw.toString(),
            "--curated",
            dir.resolve("curated").toString(),
            "--report",
            report.toString());

    assertThat(exit).isZero();
    Expected expected = countIndependently(raw);
    JsonNode runReport = JSON.readTree(report.toFile());
    assertThat(runReport.get("records_read").asLong()).isEqualTo(expected.read);
    assertThat(runReport.get("records_written").asLong()).isEqualTo(expected.curated());
    assertThat(runReport.get("duplicates_removed").asLong()).isEqualTo(1);
    assertThat(runReport.get("records_quarantined").asLong()).isEqualTo(1);
    assertThat(runReport.get("records_filtered_out").asLong())
        .isEqualTo(expected.read - expected.wanted - 1);
    assertThat(runReport.get("unreadable_files")).hasSize(1);
    assertThat(runReport.get("partitions_written")).hasSize(expected.partitions());

    Map<String, Long> actual = new TreeMap<>();
    for (Row row :
        spark
            .read()
            .parquet(dir.resolve("curated").toString())
            .groupBy("dt", "hr", "level", "service")
            .count()
            .collectAsList()) {
      actual.put(
          row.get(0) + "/" + row.getInt(1) + "/" + row.getString(2) + "/" + row.getString(3),
          row.getLong(4));
    }
    assertThat(actual).isEqualTo(expected.byPartitionLevelService);
  }

  /** WARN/ERROR counts per dt/hr/level/service from the raw files, with plain Java and Jackson. */
  private static Expected countIndependently(Path raw) throws IOException {
    Expected expected = new Expected();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(raw)) {
      files = walk.filter(p -> p.toString().endsWith(".gz")).toList();
    }
    java.util.Set<String> seenEvents = new java.util.HashSet<>();
    for (Path file : files) {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          for (String object : line.replace("}{", "}\n{").split("\n")) {
            if (object.isBlank()) {
              continue;
            }
            expected.read++;
            JsonNode node;
            try {
              node = JSON.readTree(object);
            } catch (IOException e) {
              continue;
            }
            String level = node.get("level").asText();
            if (!level.equals("WARN") && !level.equals("ERROR")) {
              continue;
            }
            expected.wanted++;
            String identity = node.has("event_id") ? node.get("event_id").asText() : object;
            if (!seenEvents.add(identity)) {
              continue;
            }
            ZonedDateTime utc =
                java.time.OffsetDateTime.parse(node.get("timestamp").asText())
                    .atZoneSameInstant(ZoneOffset.UTC);
            String key =
                utc.toLocalDate()
                    + "/"
                    + utc.getHour()
                    + "/"
                    + level
                    + "/"
                    + node.get("service").asText();
            expected.byPartitionLevelService.merge(key, 1L, Long::sum);
          }
        }
      } catch (java.util.zip.ZipException notGzip) {
        // The broken file: the job must list it as unreadable, which the test checks.
      }
    }
    return expected;
  }

  private static final class Expected {
    long read;
    long wanted;
    final Map<String, Long> byPartitionLevelService = new TreeMap<>();

    long curated() {
      return byPartitionLevelService.values().stream().mapToLong(Long::longValue).sum();
    }

    int partitions() {
      return (int)
          byPartitionLevelService.keySet().stream()
              .map(k -> k.substring(0, k.indexOf('/', 11)))
              .distinct()
              .count();
    }
  }
}
