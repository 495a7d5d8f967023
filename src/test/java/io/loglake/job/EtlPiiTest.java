package io.loglake.job;

import static io.loglake.testing.LogFixtures.gzipFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.config.EtlConfigBuilder;
import io.loglake.config.IpMask;
import io.loglake.config.PiiConfig;
import io.loglake.config.StreamConfig;
import io.loglake.config.TableFormat;
import io.loglake.pii.EnvironmentHashKey;
import io.loglake.pii.PiiMasker;
import io.loglake.testing.IcebergRows;
import io.loglake.testing.LogFixtures;
import io.loglake.testing.SparkTestSession;
import io.loglake.transform.CurateTransform;
import io.loglake.transform.ParseTransform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mask-ip} and {@code --hash-user-id} end to end: every Parquet file of the curated zone
 * read back with DuckDB (and every file's bytes scanned) holds no original IP or user id; the same
 * input and key give the same hashes in two runs; a rerun writes nothing (the cross-run dedupe keys
 * on the masked values on both sides); Iceberg too; the key is in no plan string.
 */
@ExtendWith(SparkTestSession.class)
class EtlPiiTest {
  private static final String KEY = "pii-test-key-9f8e7d6c5b4a39281706";

  private static final List<String> ORIGINALS =
      List.of(
          "u-alice-1001",
          "u-bob-2002",
          "u-carol-3003",
          "u-dave-4004",
          "198.51.100.23",
          "2001:db8:abcd:12::7",
          "unknown-host.internal",
          "203.0.113.45",
          "203.0.113.99");

  @TempDir Path dir;

  private Path raw() {
    return dir.resolve("raw");
  }

  private static String line(
      String ts, String level, String service, String message, String user, String ip, String id) {
    return "{\"timestamp\":\""
        + ts
        + "\",\"level\":\""
        + level
        + "\",\"service\":\""
        + service
        + "\",\"message\":\""
        + message
        + "\",\"user_id\":\""
        + user
        + "\",\"ip\":\""
        + ip
        + "\""
        + (id == null ? "" : ",\"event_id\":\"" + id + "\"")
        + "}";
  }

  /**
   * 9 records: 5 curated rows once masked (truncate merges the two dave records, which differ only
   * in the address's last octet), one resend, one INFO filtered out, one malformed.
   */
  private void writeFixture() {
    String bob =
        line("2025-11-09T10:02:00Z", "WARN", "b", "slow", "u-bob-2002", ORIGINALS.get(5), null);
    gzipFile(
        raw().resolve("2025/11/09/10/a.gz"),
        line("2025-11-09T10:01:00Z", "ERROR", "a", "boom", "u-alice-1001", "198.51.100.23", "e-1"),
        bob,
        line(
            "2025-11-09T10:03:00Z",
            "ERROR",
            "c",
            "odd",
            "u-carol-3003",
            "unknown-host.internal",
            null),
        line("2025-11-09T10:04:00Z", "ERROR", "d", "same", "u-dave-4004", "203.0.113.45", null),
        line("2025-11-09T10:04:00Z", "ERROR", "d", "same", "u-dave-4004", "203.0.113.99", null),
        bob,
        line("2025-11-09T10:05:00Z", "INFO", "e", "fine", "u-erin-5005", "192.0.2.77", null),
        "{\"timestamp\":\"2025-11-09T10:06:00Z\",\"level\":\"ERROR\",\"user_id\":\"u-frank-6006\"");
    gzipFile(
        raw().resolve("2025/11/09/11/b.gz"),
        line("2025-11-09T11:01:00Z", "ERROR", "a", "boom", "u-alice-1001", "198.51.100.23", "e-2"));
  }

  private static PiiConfig pii(IpMask ip) {
    return new PiiConfig(
        ip, true, new EnvironmentHashKey("TEST_KEY", java.util.Map.of("TEST_KEY", KEY)));
  }

  private RunReport run(SparkSession spark, Path curated, PiiConfig pii, TableName iceberg) {
    EtlConfigBuilder config =
        EtlConfig.builder().rawPath(raw().toString()).curatedPath(curated.toString()).pii(pii);
    if (iceberg == null) {
      config.noRegister();
    } else {
      config.curatedTable(iceberg).format(TableFormat.ICEBERG);
    }
    return EtlJob.run(spark, config.build());
  }

  /** HMAC-SHA-256 hex computed here with the JDK, not with the code under test. */
  private static String hmac(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(suffix))
          .sorted()
          .toList();
    }
  }

  /**
   * Every row of every Parquet file under {@code curated} (hidden ones included), read with DuckDB:
   * {@code user_id|ip} plus, separately, every column's value as text.
   */
  private static List<String> userAndIp(Path curated, List<String> allValues)
      throws IOException, SQLException {
    List<Path> parquet = files(curated, ".parquet");
    assertThat(parquet).isNotEmpty();
    List<String> rows = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      for (Path file : parquet) {
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT * FROM read_parquet('" + file.toString().replace("'", "''") + "')")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            rows.add(rs.getString("user_id") + "|" + rs.getString("ip"));
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              allValues.add(String.valueOf(rs.getObject(c)));
            }
          }
        }
      }
    }
    return rows.stream().sorted().toList();
  }

  private static void assertNoOriginalIn(Path curated, List<String> values) throws IOException {
    for (String value : values) {
      for (String original : ORIGINALS) {
        assertThat(value).as("a stored value").doesNotContain(original);
      }
    }
    // Also the bytes of every file (Parquet footers' statistics, Iceberg metadata, checksums).
    for (Path file : files(curated, "")) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String original : ORIGINALS) {
        assertThat(bytes).as(file.toString()).doesNotContain(original);
      }
    }
  }

  /** {@code user_id|ip} of the fixture's curated rows with truncate and hashed user ids. */
  private static List<String> truncatedAndHashed() {
    return List.of(
        hmac("u-alice-1001") + "|198.51.100.0",
        hmac("u-alice-1001") + "|198.51.100.0",
        hmac("u-bob-2002") + "|2001:db8:abcd::",
        hmac("u-carol-3003") + "|null",
        hmac("u-dave-4004") + "|203.0.113.0");
  }

  private static void assertCountsAddUp(RunReport report) {
    assertThat(report.recordsRead())
        .isEqualTo(
            report.recordsWritten()
                + report.recordsQuarantined()
                + report.recordsFilteredOut()
                + report.duplicatesRemoved());
  }

  @Test
  void truncatedAndHashedRunsStoreNoOriginalAndRerunWritesNothing(SparkSession spark)
      throws Exception {
    writeFixture();
    Path curated = dir.resolve("curated");

    RunReport first = run(spark, curated, pii(IpMask.TRUNCATE), null);

    assertThat(first.recordsRead()).isEqualTo(9);
    assertThat(first.recordsWritten()).isEqualTo(5);
    assertThat(first.duplicatesRemoved()).isEqualTo(2);
    assertThat(first.recordsFilteredOut()).isEqualTo(1);
    assertThat(first.recordsQuarantined()).isEqualTo(1);
    assertCountsAddUp(first);
    List<String> values = new ArrayList<>();
    List<String> stored = userAndIp(curated, values);
    assertThat(stored).containsExactlyInAnyOrderElementsOf(truncatedAndHashed());
    assertNoOriginalIn(curated, values);
    assertThat(first.toJson()).doesNotContain(KEY);
    // What the Spark UI's SQL tab shows of the run's queries.
    List<org.apache.spark.sql.execution.ui.SQLExecutionUIData> executions =
        scala.collection.JavaConverters.seqAsJavaList(
            spark.sharedState().statusStore().executionsList());
    assertThat(executions).isNotEmpty();
    assertThat(executions)
        .anySatisfy(e -> assertThat(e.physicalPlanDescription()).contains("MapPartitions"))
        .allSatisfy(
            e ->
                assertThat(e.physicalPlanDescription() + e.description() + e.details())
                    .doesNotContain(KEY));

    // The quarantine keeps the raw line as read: masking protects the curated zone only.
    assertThat(files(dir.resolve("_quarantine"), ".json"))
        .anySatisfy(f -> assertThat(Files.readString(f)).contains("u-frank-6006"));

    RunReport rerun = run(spark, curated, pii(IpMask.TRUNCATE), null);
    assertThat(rerun.recordsWritten()).isZero();
    assertThat(rerun.duplicatesRemoved()).isEqualTo(7);
    assertCountsAddUp(rerun);
    assertThat(userAndIp(curated, new ArrayList<>())).isEqualTo(stored);

    // Same input, same key, another table: the same hashes.
    Path other = dir.resolve("other");
    run(spark, other, pii(IpMask.TRUNCATE), null);
    assertThat(userAndIp(other, new ArrayList<>())).isEqualTo(stored);
  }

  @Test
  void hashedIpsOnIcebergStoreNoOriginalAndRerunAddsNoSnapshot(SparkSession spark)
      throws Exception {
    writeFixture();
    Path curated = dir.resolve("curated");
    TableName table =
        new TableName(
            "loglake_pii_test", "curated_" + UUID.randomUUID().toString().substring(0, 8));

    RunReport first = run(spark, curated, pii(IpMask.HASH), table);

    // Hashed, the two dave addresses stay two records.
    assertThat(first.recordsWritten()).isEqualTo(6);
    assertCountsAddUp(first);
    List<String> values = new ArrayList<>();
    assertThat(userAndIp(curated, values))
        .containsExactlyInAnyOrderElementsOf(
            List.of(
                hmac("u-alice-1001") + "|" + hmac("198.51.100.23"),
                hmac("u-alice-1001") + "|" + hmac("198.51.100.23"),
                hmac("u-bob-2002") + "|" + hmac("2001:db8:abcd:12::7"),
                hmac("u-carol-3003") + "|" + hmac("unknown-host.internal"),
                hmac("u-dave-4004") + "|" + hmac("203.0.113.45"),
                hmac("u-dave-4004") + "|" + hmac("203.0.113.99")));
    assertNoOriginalIn(curated, values);
    long snapshots = snapshots(spark, table);

    RunReport rerun = run(spark, curated, pii(IpMask.HASH), table);
    assertThat(rerun.recordsWritten()).isZero();
    assertCountsAddUp(rerun);
    assertThat(snapshots(spark, table)).isEqualTo(snapshots);
  }

  @Test
  void aStreamMasksAsEtlDoes(SparkSession spark) throws Exception {
    writeFixture();
    Path curated = dir.resolve("curated");
    EtlConfig etl =
        EtlConfig.builder()
            .rawPath(raw().toString())
            .curatedPath(curated.toString())
            .noRegister()
            .incremental(true)
            .pii(pii(IpMask.TRUNCATE))
            .build();

    StreamJob.Summary summary =
        StreamJob.run(
            spark,
            new StreamConfig(
                etl, StreamConfig.Source.RAW, null, null, true, Duration.ofMillis(1), 1, false),
            () -> false,
            line -> {});

    assertThat(summary.written()).isEqualTo(5);
    List<String> values = new ArrayList<>();
    assertThat(userAndIp(curated, values))
        .containsExactlyInAnyOrderElementsOf(truncatedAndHashed());
    assertNoOriginalIn(curated, values);
  }

  private static long snapshots(SparkSession spark, TableName table) {
    return java.util.stream.StreamSupport.stream(
            IcebergRows.load(spark, table).snapshots().spliterator(), false)
        .count();
  }

  @Test
  void theKeyIsInNoPlanString(SparkSession spark) {
    Dataset<Row> parsed =
        ParseTransform.apply(
            LogFixtures.lines(
                spark,
                line(
                    "2025-11-09T10:01:00Z", "ERROR", "a", "boom", "u-alice-1001", "1.2.3.4", null)),
            Set.of("ERROR"));
    Dataset<Row> curated = CurateTransform.apply(parsed, PiiMasker.of(pii(IpMask.HASH)));

    assertThat(curated.queryExecution().toString()).doesNotContain(KEY);
    assertThat(
            curated
                .queryExecution()
                .explainString(org.apache.spark.sql.execution.ExtendedMode$.MODULE$))
        .doesNotContain(KEY)
        .contains("MapPartitions");
    assertThat(curated.select("user_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly(hmac("u-alice-1001"));
  }
}
