package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.catalog.RawLogs;
import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.config.StreamConfig;
import io.loglake.config.TableFormat;
import io.loglake.producer.DeadLetterFile;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.KafkaSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogRecord;
import io.loglake.testing.KafkaTestBroker;
import io.loglake.testing.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loglake stream --source kafka} against a real KRaft broker: records with faults
 * (duplicates, malformed, late) are sent to a topic, the stream runs until it has read them, and
 * the curated table — read back with Spark's Parquet reader or Iceberg's own reader — holds exactly
 * the rows computed with plain Jackson from what was sent (WARN/ERROR, once per event_id); the
 * quarantine holds the malformed records, each naming its {@code kafka:topic/partition/offset}; a
 * run with nothing new writes nothing (no Iceberg snapshot); records sent later, resends of earlier
 * ones among them, are written once.
 */
@ExtendWith(SparkTestSession.class)
class StreamKafkaIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path brokerDir;
  @TempDir Path dir;

  private static KafkaTestBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaTestBroker.start(brokerDir);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private final String topic = "logs-" + UUID.randomUUID().toString().substring(0, 8);
  private final TableName table =
      new TableName(
          "loglake_stream_test", "curated_" + UUID.randomUUID().toString().substring(0, 8));

  private String curated() {
    return dir.resolve("curated").toString();
  }

  private String quarantine() {
    return dir.resolve("quarantine").toString();
  }

  private StreamConfig config(TableFormat format, boolean once, int maxBatches) {
    EtlConfig etl =
        (format == TableFormat.ICEBERG
                ? EtlConfig.builder().curatedTable(table).format(format)
                : EtlConfig.builder().noRegister())
            .rawPath(dir.resolve("unused-raw").toString())
            .curatedPath(curated())
            .quarantinePath(quarantine())
            .statePath(dir.resolve("state").toString())
            .build();
    return new StreamConfig(
        etl,
        StreamConfig.Source.KAFKA,
        broker.bootstrapServers(),
        topic,
        true,
        Duration.ofMillis(500),
        maxBatches,
        once);
  }

  private StreamJob.Summary stream(SparkSession spark, StreamConfig config, List<String> lines) {
    return StreamJob.run(spark, config, () -> false, lines::add);
  }

  /** Sends {@code count} generated records with faults; returns the values as sent. */
  private List<String> send(long seed, Instant start, int count, List<String> resend) {
    List<String> values = new ArrayList<>();
    FaultInjector records =
        new FaultInjector(
            new LogGenerator(seed, EventSchedule.atDefaultRate(start, count)),
            new FaultInjector.Faults(0.05, 0.05, 0.03),
            seed);
    try (KafkaSink sink =
        new KafkaSink(
            broker.bootstrapServers(),
            topic,
            Map.of(),
            new DeadLetterFile(dir.resolve("dead-" + seed + ".ndjson")),
            notice -> {
              throw new AssertionError("unexpected notice: " + notice);
            })) {
      records.forEachRemaining(
          r -> {
            sink.send(r);
            values.add(r.json());
          });
      for (String again : resend) {
        sink.send(new LogRecord(0, again));
        values.add(again);
      }
      sink.flush();
    }
    return values;
  }

  private static Map<String, Long> expected(List<String> sent) {
    List<RawLogs.Raw> records = new ArrayList<>();
    for (String value : sent) {
      RawLogs.parseLine(value).ifPresent(records::add);
    }
    return RawLogs.expectedCuratedRows(records);
  }

  private static List<String> malformed(List<String> sent) {
    return sent.stream().filter(v -> RawLogs.parseLine(v).isEmpty()).toList();
  }

  private Map<String, Long> parquetRows(SparkSession spark) {
    Map<String, Long> counts = new HashMap<>();
    for (String row :
        spark
            .read()
            .parquet(curated())
            .selectExpr(
                "concat_ws('|', cast(dt as string), cast(hr as string), timestamp, level, service,"
                    + " message, user_id, ip, event_id)")
            .as(Encoders.STRING())
            .collectAsList()) {
      counts.merge(row, 1L, Long::sum);
    }
    return counts;
  }

  private Table icebergTable(SparkSession spark) {
    try {
      return Spark3Util.loadIcebergTable(spark, table.toString());
    } catch (Exception e) {
      throw new AssertionError("cannot load " + table + " through Iceberg", e);
    }
  }

  private static Map<String, Long> icebergRows(Table table) {
    Map<String, Long> counts = new HashMap<>();
    table.refresh();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record r : records) {
        String row =
            String.join(
                "|",
                String.valueOf(r.getField("dt")),
                String.valueOf(r.getField("hr")),
                (String) r.getField("timestamp"),
                (String) r.getField("level"),
                (String) r.getField("service"),
                (String) r.getField("message"),
                (String) r.getField("user_id"),
                (String) r.getField("ip"),
                (String) r.getField("event_id"));
        counts.merge(row, 1L, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  /** The quarantined records as (source_file, raw), read with Jackson from the JSON files. */
  private List<JsonNode> quarantined() throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    Path root = Path.of(quarantine());
    if (!Files.exists(root)) {
      return rows;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          rows.add(JSON.readTree(line));
        }
      }
    }
    return rows;
  }

  private void assertQuarantineHoldsTheMalformed(List<String> sent) throws IOException {
    List<JsonNode> rows = quarantined();
    List<String> bad = malformed(sent);
    assertThat(bad).as("the test sends malformed records").isNotEmpty();
    assertThat(rows).isNotEmpty();
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.path("source_file").asText()).matches("kafka:" + topic + "/\\d+/\\d+");
              assertThat(bad).contains(row.path("raw").asText());
            });
    // Each malformed record is quarantined at most once: the source names one record.
    assertThat(rows.stream().map(r -> r.path("source_file").asText()).distinct().count())
        .isEqualTo(rows.size());
  }

  @Test
  void parquetRowsAreExactlyWhatWasSentAndARunWithNothingNewWritesNothing(SparkSession spark)
      throws IOException {
    List<String> sent = send(21, Instant.parse("2025-11-09T10:00:00Z"), 3_000, List.of());
    List<String> progress = new ArrayList<>();

    StreamJob.Summary first = stream(spark, config(TableFormat.PARQUET, true, 0), progress);

    Map<String, Long> expected = expected(sent);
    assertThat(sent.size()).isGreaterThan(3_000);
    assertThat(parquetRows(spark)).isEqualTo(expected);
    assertThat(first.written()).isEqualTo(expected.size());
    assertThat(first.read()).isEqualTo(sent.size());
    assertThat(first.duplicates()).isPositive();
    assertThat(progress).isNotEmpty().allMatch(l -> l.startsWith("batch "));
    assertQuarantineHoldsTheMalformed(sent);
    assertThat(Files.list(dir.resolve("state/stream/reports")).count()).isEqualTo(first.batches());

    StreamJob.Summary again = stream(spark, config(TableFormat.PARQUET, true, 0), progress);
    assertThat(again.written()).isZero();
    assertThat(again.read()).isZero();
    assertThat(parquetRows(spark)).isEqualTo(expected);

    // Later records, with resends of earlier ones (same event_id, a retried delivery).
    List<String> resent =
        sent.stream().filter(v -> RawLogs.parseLine(v).isPresent()).limit(50).toList();
    List<String> later = send(22, Instant.parse("2025-11-09T11:00:00Z"), 1_000, resent);
    StreamJob.Summary third = stream(spark, config(TableFormat.PARQUET, false, 1), progress);
    List<String> all = new ArrayList<>(sent);
    all.addAll(later);
    assertThat(third.batches()).isEqualTo(1);
    assertThat(parquetRows(spark)).isEqualTo(expected(all));
    assertThat(first.written() + third.written()).isEqualTo(expected(all).size());
  }

  @Test
  void icebergRowsAreExactlyWhatWasSentAndARunWithNothingNewCommitsNoSnapshot(SparkSession spark)
      throws IOException {
    List<String> sent = send(23, Instant.parse("2025-11-09T10:00:00Z"), 2_000, List.of());

    StreamJob.Summary first =
        stream(spark, config(TableFormat.ICEBERG, true, 0), new ArrayList<>());

    Map<String, Long> expected = expected(sent);
    Table iceberg = icebergTable(spark);
    assertThat(icebergRows(iceberg)).isEqualTo(expected);
    assertThat(first.written()).isEqualTo(expected.size());
    assertQuarantineHoldsTheMalformed(sent);
    // One snapshot a batch that wrote; the first run's batches all held new rows.
    int snapshots = (int) first.batches();
    assertThat(iceberg.snapshots()).hasSize(snapshots);

    StreamJob.Summary again =
        stream(spark, config(TableFormat.ICEBERG, true, 0), new ArrayList<>());
    assertThat(again.written()).isZero();
    iceberg.refresh();
    assertThat(iceberg.snapshots()).hasSize(snapshots);
    assertThat(icebergRows(iceberg)).isEqualTo(expected);
  }
}
