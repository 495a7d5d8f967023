package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.catalog.RawLogs;
import io.loglake.catalog.TableName;
import io.loglake.cli.Main;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.CuratedRows;
import io.loglake.testing.IcebergRows;
import io.loglake.testing.Launcher;
import io.loglake.testing.LogFixtures;
import io.loglake.testing.S3TestServer;
import io.loglake.testing.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The whole pipeline on a real S3-protocol server (S3Proxy on 127.0.0.1), every path spelt {@code
 * s3://} as on AWS: {@code produce --sink s3} → {@code etl} in both formats, batch and {@code
 * --incremental} over two produce rounds → {@code crawl} → {@code query}. The produce runs and the
 * batch etl run are child JVMs that find the server, region and credentials the AWS way ({@code
 * AWS_ENDPOINT_URL_S3}, {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID} / {@code
 * AWS_SECRET_ACCESS_KEY}: no endpoint option at all); the rest run in this JVM's session, told with
 * {@code --conf spark.hadoop.fs.s3a.*} (a running session: the runtime path of {@code --conf}).
 *
 * <p>The expected rows come from the raw objects as the server holds them, read with plain Java and
 * Jackson ({@link RawLogs#parseLine}); the Parquet output is read back with DuckDB from the
 * objects, Iceberg through Iceberg's own reader. The second incremental runs also quarantine a
 * malformed line and compact the hour both rounds wrote, so reports, quarantine, state and
 * compaction staging are all on S3. Afterwards no commit leftovers ({@code _temporary}, {@code
 * .spark-staging}, {@code __magic}, staged compaction files, pending multipart uploads) may remain
 * in the bucket.
 */
@ExtendWith(SparkTestSession.class)
class S3EndToEndIT {
  private static final String REGION = "eu-west-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  /** A bucket of its own: S3A file systems are cached per bucket, with the first endpoint seen. */
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  private final String bucket = "loglake-e2e-" + suffix;

  /** A database of its own too: the test session's metastore outlives the run. */
  private final String db = "s3e2e_" + suffix;

  @Test
  void theWholePipelineRunsOnS3AndItsOutputMatchesTheRawObjects(SparkSession spark)
      throws Exception {
    try (S3TestServer server = S3TestServer.start(dir.resolve("s3proxy"))) {
      server.createBucket(bucket);
      try {
        runPipeline(spark, server);
      } finally {
        forgetTheServer(spark, server);
      }
    }
  }

  private void runPipeline(SparkSession spark, S3TestServer server) throws Exception {
    Map<String, String> awsEnv =
        Map.of(
            "AWS_ENDPOINT_URL_S3",
            server.endpoint().toString(),
            "AWS_REGION",
            REGION,
            "AWS_ACCESS_KEY_ID",
            S3TestServer.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY",
            S3TestServer.SECRET_KEY);
    String s3 = "s3://" + bucket;
    TableName parquetTable = TableName.parse(db + ".curated_parquet");
    TableName icebergTable = TableName.parse(db + ".curated_iceberg");

    // Round 1: two hours of events, produced by a child JVM told only by the environment.
    child(awsEnv, produce(1, "2025-11-09T10:00:00Z", "2h"));
    RawRecords round1 = RawRecords.read(download(server, "raw/", "raw-1"));
    assertThat(round1.good()).hasSize(1500);
    assertThat(round1.malformed()).isZero();

    // Batch Parquet, in a child JVM: S3A finds the server through the same environment.
    child(
        awsEnv,
        List.of(
            "etl",
            "--raw",
            s3 + "/raw",
            "--curated",
            s3 + "/batch/parquet",
            "--quarantine",
            s3 + "/quarantine/batch-parquet",
            "--report",
            s3 + "/reports/batch-parquet.json",
            "--no-register"));
    assertThat(parquetRows(server, "batch/parquet/", "batch-parquet"))
        .isEqualTo(RawLogs.expectedCuratedRows(round1.good()));
    assertThat(server.keys(bucket)).contains("reports/batch-parquet.json");

    // Batch Iceberg, here: the table's data and metadata on S3 through S3A (HadoopFileIO).
    TableName batchIceberg = TableName.parse(db + ".batch_iceberg");
    run(
        server,
        "etl",
        "--raw",
        s3 + "/raw",
        "--curated",
        s3 + "/batch/iceberg",
        "--quarantine",
        s3 + "/quarantine/batch-iceberg",
        "--format",
        "iceberg",
        "--curated-table",
        batchIceberg.toString());
    assertThat(IcebergRows.counts(IcebergRows.load(spark, batchIceberg)))
        .isEqualTo(RawLogs.expectedCuratedRows(round1.good()));

    // Incremental, both formats: a first run over round 1...
    incremental(server, s3, "parquet", parquetTable);
    incremental(server, s3, "iceberg", icebergTable);

    // ... then round 2, arriving later, whose events overlap round 1's last hour: the second
    // incremental runs must merge them into the partitions already written.
    // One more object, put by hand, holds a record and a line that is no record: quarantined.
    child(awsEnv, produce(2, "2025-11-09T11:30:00Z", "1h"));
    Path handMade =
        LogFixtures.gzipFile(
            dir.resolve("hand-made.gz"),
            LogFixtures.record(
                "2025-11-09T12:10:00Z", "WARN", "order-api", "by hand", "user_9", "hand-1"),
            "{\"timestamp\": \"2025-11-09T12:11:00Z\", \"level\": ");
    server
        .client()
        .putObject(
            b -> b.bucket(bucket).key("raw/2025/11/09/12/hand-1-2025-11-09-12-59-00-x.gz"),
            RequestBody.fromFile(handMade));
    RawRecords both = RawRecords.read(download(server, "raw/", "raw-2"));
    assertThat(both.good()).hasSize(2501);
    assertThat(both.malformed()).isEqualTo(1);
    incremental(server, s3, "parquet", parquetTable);
    incremental(server, s3, "iceberg", icebergTable);
    for (String format : List.of("parquet", "iceberg")) {
      JsonNode report =
          JSON.readTree(server.object(bucket, "reports/incremental-" + format + "-2.json"));
      assertThat(report.get("records_quarantined").asLong()).as(format).isEqualTo(1);
      // Hours that both rounds wrote hold two small files: the run's compaction rewrites them,
      // staging and manifest on S3.
      assertThat(report.at("/compaction/partitions_compacted").size())
          .as("%s partitions compacted: %s", format, report.get("compaction"))
          .isPositive();
      assertThat(server.keys(bucket))
          .as("quarantined records of the %s run", format)
          .anyMatch(key -> key.startsWith("quarantine/" + format + "/"));
    }

    Map<String, Long> expected = RawLogs.expectedCuratedRows(both.good());
    assertThat(parquetRows(server, "curated/parquet/", "incremental-parquet")).isEqualTo(expected);
    assertThat(IcebergRows.counts(IcebergRows.load(spark, icebergTable))).isEqualTo(expected);
    assertThat(server.keys(bucket))
        .anyMatch(key -> key.startsWith("state/parquet/"))
        .anyMatch(key -> key.startsWith("state/iceberg/"))
        .as("the Iceberg table's data and metadata, on S3")
        .anyMatch(key -> key.startsWith("curated/iceberg/data/") && key.endsWith(".parquet"))
        .anyMatch(key -> key.startsWith("curated/iceberg/metadata/") && key.endsWith(".json"));

    // crawl registers the raw zone (an s3:// location, as Athena wants) and query reads it and
    // the curated table.
    run(server, "crawl", "--raw", s3 + "/raw", "--table", db + ".raw_logs");
    // Hour 10 holds only produced objects (the malformed line is in hour 12).
    String rawCount =
        query(
                server,
                "SELECT count(*) AS n FROM "
                    + db
                    + ".raw_logs WHERE cast(hour AS INT) = 10 AND level IS NOT NULL")
            .lines()
            .toList()
            .get(1)
            .trim();
    assertThat(rawCount)
        .isEqualTo(
            String.valueOf(
                RawRecords.read(dir.resolve("download/raw-2/2025/11/09/10")).good().size()));
    String location =
        spark
            .sql("DESCRIBE TABLE EXTENDED " + db + ".raw_logs")
            .where("col_name = 'Location'")
            .select("data_type")
            .first()
            .getString(0);
    assertThat(location).isEqualTo(s3 + "/raw");
    assertThat(
            query(
                    server,
                    "SELECT level, count(*) AS n FROM "
                        + parquetTable
                        + " GROUP BY level ORDER BY level")
                .replace("\r\n", "\n"))
        .isEqualTo(levelCounts(both.good()));

    List<String> keys = server.keys(bucket);
    assertThat(keys)
        .noneMatch(
            key ->
                key.contains("_temporary")
                    // Compaction's staged files (S3A may keep the emptied folder's marker).
                    || (key.contains("/_compaction/") && !key.endsWith("/_compaction/"))
                    || key.contains(".spark-staging")
                    || key.contains("__magic")
                    || key.endsWith(".pending")
                    || key.endsWith(".pendingset"));
    assertThat(server.client().listMultipartUploads(b -> b.bucket(bucket)).uploads())
        .as("uploads started and never completed or aborted")
        .isEmpty();
  }

  /**
   * Takes this test's S3A settings out of the shared session's Hadoop configuration, and closes (so
   * uncaches) the file systems of its bucket: later tests see the session as it was.
   */
  private void forgetTheServer(SparkSession spark, S3TestServer server) throws IOException {
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (String setting : s3aConf(server)) {
      if (setting.startsWith("spark.hadoop.")) {
        conf.unset(setting.substring("spark.hadoop.".length(), setting.indexOf('=')));
      }
    }
    for (String scheme : List.of("s3", "s3a")) {
      org.apache.hadoop.fs.FileSystem.get(java.net.URI.create(scheme + "://" + bucket), conf)
          .close();
    }
  }

  private static List<String> produce(int round, String start, String span) {
    return List.of(
        "produce",
        "--sink",
        "s3",
        "--bucket",
        "BUCKET",
        "--prefix",
        "raw/",
        "--records",
        round == 1 ? "1500" : "1000",
        "--seed",
        String.valueOf(round * 7),
        "--start",
        start,
        "--span",
        span);
  }

  /** Runs loglake in a child JVM with {@code env}; fails with its log unless it exits 0. */
  private void child(Map<String, String> env, List<String> args) throws Exception {
    List<String> resolved = args.stream().map(a -> a.equals("BUCKET") ? bucket : a).toList();
    Path log = dir.resolve("child-" + System.nanoTime() + ".log");
    Map<String, String> withHome = new HashMap<>(env);
    withHome.put("LOGLAKE_HOME", dir.resolve("child-home").toString());
    Process child = Launcher.startJvm(dir, log, withHome, List.of(), resolved);
    try {
      assertThat(child.waitFor(4, TimeUnit.MINUTES)).as("%s finished", resolved).isTrue();
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    assertThat(child.exitValue())
        .as("%s exit code; its log:%n%s", resolved, Files.readString(log, StandardCharsets.UTF_8))
        .isZero();
  }

  /** The S3A settings of this JVM's runs, as {@code --conf}: the session is already running. */
  private static List<String> s3aConf(S3TestServer server) {
    return List.of(
        "--conf",
        "spark.hadoop.fs.s3a.endpoint=" + server.endpoint(),
        "--conf",
        "spark.hadoop.fs.s3a.endpoint.region=" + REGION,
        "--conf",
        "spark.hadoop.fs.s3a.path.style.access=true",
        "--conf",
        "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
        "--conf",
        "spark.hadoop.fs.s3a.access.key=" + S3TestServer.ACCESS_KEY,
        "--conf",
        "spark.hadoop.fs.s3a.secret.key=" + S3TestServer.SECRET_KEY);
  }

  /** Runs loglake in this JVM (its Spark session) with the S3A settings; fails unless exit 0. */
  private String run(S3TestServer server, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(s3aConf(server));
    output.reset();
    int exit = Main.execute(all.toArray(String[]::new));
    assertThat(exit).as("%s: %s", all, output.stderr()).isZero();
    return output.stdout();
  }

  private String query(S3TestServer server, String sql) {
    return run(server, "query", "--format", "csv", "--sql", sql);
  }

  private final Map<String, Integer> incrementalRuns = new HashMap<>();

  private void incremental(S3TestServer server, String s3, String format, TableName table) {
    int round = incrementalRuns.merge(format, 1, Integer::sum);
    run(
        server,
        "etl",
        "--report",
        s3 + "/reports/incremental-" + format + "-" + round + ".json",
        "--incremental",
        "--raw",
        s3 + "/raw",
        "--curated",
        s3 + "/curated/" + format,
        "--quarantine",
        s3 + "/quarantine/" + format,
        "--state",
        s3 + "/state/" + format,
        "--format",
        format,
        "--curated-table",
        table.toString());
  }

  /** Raw records read with plain Java and Jackson, and how many lines were no record. */
  private record RawRecords(List<RawLogs.Raw> good, int malformed) {
    static RawRecords read(Path root) throws IOException {
      List<RawLogs.Raw> good = new ArrayList<>();
      int malformed = 0;
      List<Path> files;
      try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(p -> p.toString().endsWith(".gz")).sorted().toList();
      }
      for (Path file : files) {
        try (java.io.InputStream in =
            new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
              continue;
            }
            java.util.Optional<RawLogs.Raw> raw = RawLogs.parseLine(line);
            if (raw.isPresent()) {
              good.add(raw.get());
            } else {
              malformed++;
            }
          }
        }
      }
      return new RawRecords(good, malformed);
    }
  }

  /** The objects under {@code prefix}, copied into a local folder (key paths kept). */
  private Path download(S3TestServer server, String prefix, String name) throws IOException {
    Path local = dir.resolve("download").resolve(name);
    for (String key : server.keys(bucket)) {
      if (key.startsWith(prefix) && !key.endsWith("/")) {
        Path file = local.resolve(key.substring(prefix.length()));
        Files.createDirectories(file.getParent());
        Files.write(file, server.object(bucket, key));
      }
    }
    return local;
  }

  /** The rows a reader of the Parquet table under {@code prefix} sees, read with DuckDB. */
  private Map<String, Long> parquetRows(S3TestServer server, String prefix, String name)
      throws Exception {
    Path local = download(server, prefix, name);
    assertThat(CuratedRows.visibleParquetFiles(local)).isNotEmpty();
    return CuratedRows.visibleParquet(local);
  }

  /** {@code level,n} lines (csv with a header) for the curated rows of {@code records}. */
  private static String levelCounts(List<RawLogs.Raw> records) {
    Map<String, Long> byLevel = new java.util.TreeMap<>();
    for (String row : RawLogs.expectedCuratedRows(records).keySet()) {
      byLevel.merge(row.split("\\|")[3], 1L, Long::sum);
    }
    StringBuilder csv = new StringBuilder("level,n\n");
    byLevel.forEach((level, n) -> csv.append(level).append(',').append(n).append('\n'));
    return csv.toString();
  }
}
