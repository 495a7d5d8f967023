package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.RawLogs;
import io.loglake.cli.Main;
import io.loglake.config.TableFormat;
import io.loglake.testing.IcebergRows;
import io.loglake.testing.Launcher;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through {@code kill -9}, both formats: raw data arrives in a few steps (late events,
 * duplicates within a step, an object delivered again in a later step); after each step {@code etl
 * --incremental} runs in a child JVM that is killed with SIGKILL ({@link
 * Process#destroyForcibly()}) once its log shows the read, the write or the commit started (in
 * turn), after a delay within that phase drawn from a seeded {@link Random}, and started again
 * until one run exits 0; steps are added until at least 10 kills. What a reader sees is then
 * compared row by row with the rows computed from the .gz files with plain Java + Jackson ({@link
 * RawLogs}): no row lost, none twice.
 *
 * <ul>
 *   <li>parquet: every Parquet file whose path has no component starting with {@code _} or {@code
 *       .} (the rule of Hive, Athena and Spark), read with DuckDB;
 *   <li>iceberg: the child's local catalog (embedded Hive metastore, Derby, under its own {@code
 *       LOGLAKE_HOME}) names the table's current metadata file; the current snapshot is scanned
 *       with Iceberg's own reader ({@link IcebergGenerics}), no Spark. Every data file on disk that
 *       no snapshot names is an orphan that {@code remove_orphan_files} would delete: counted and
 *       printed, not required to be zero.
 * </ul>
 *
 * <p>The two formats run at the same time, each in its own folder with its own children, to keep
 * the test's length near that of one format (the machine has 2 cores; the kill points are taken
 * from each child's own log, so the slower children only stretch the phases).
 */
class IncrementalKillIT {
  private static final long SEED = 20251109L;
  private static final int MIN_STEPS = 3;
  private static final int MAX_STEPS = 6;
  private static final int MIN_KILLS = 10;
  private static final int KILLS_PER_STEP = 4;
  private static final int RECORDS_PER_STEP = 3000;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /**
   * Where a kill lands: after the child's log shows the phase started (a line the job, Spark or
   * Iceberg prints), plus a random delay up to the phase's usual length.
   */
  private enum Phase {
    READ,
    WRITE,
    COMMIT;

    String logLine(TableFormat format) {
      return switch (this) {
        case READ -> "EtlJob: run ";
        case WRITE ->
            format == TableFormat.PARQUET
                ? "at CuratedWriter.java"
                : "at IcebergCuratedWriter.java";
        case COMMIT ->
            format == TableFormat.PARQUET ? "Saved output of task" : "Committing append with";
      };
    }

    int maxDelayMillis(TableFormat format) {
      return switch (this) {
        case READ -> 7_000;
        case WRITE -> 1_300;
        case COMMIT -> format == TableFormat.PARQUET ? 120 : 400;
      };
    }
  }

  @Test
  void killedRunsStartedAgainLeaveEveryRowExactlyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (TableFormat format : List.of(TableFormat.PARQUET, TableFormat.ICEBERG)) {
        Scenario scenario = new Scenario(format, dir.resolve(format.text()));
        results.add(pool.submit(scenario::run));
      }
      for (Future<String> result : results) {
        System.out.println(result.get(40, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Polls the child's log until it holds {@code line}; false if the child exited first. */
  private static boolean awaitLogLine(Process child, Path log, String line)
      throws IOException, InterruptedException {
    while (true) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
        return true;
      }
      if (child.waitFor(20, TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
  }

  /** One format's steps, kills and checks, in a folder of its own. */
  private static final class Scenario {
    private final TableFormat format;
    private final Path dir;
    private final Random random = new Random(SEED);

    Scenario(TableFormat format, Path dir) {
      this.format = format;
      this.dir = dir;
    }

    private Path raw() {
      return dir.resolve("raw");
    }

    private Path curated() {
      return dir.resolve("curated");
    }

    private Path home() {
      return dir.resolve("home");
    }

    /** Runs the steps; returns the kill log. */
    String run() throws Exception {
      Files.createDirectories(dir);
      int kills = 0;
      List<String> killLog = new ArrayList<>();
      for (int step = 0; step < MIN_STEPS || (kills < MIN_KILLS && step < MAX_STEPS); step++) {
        arrive(step);
        int killsThisStep = 0;
        int attempt = 0;
        while (true) {
          attempt++;
          Phase phase =
              killsThisStep < KILLS_PER_STEP ? Phase.values()[kills % Phase.values().length] : null;
          Path log = dir.resolve("child-" + step + "-" + attempt + ".log");
          Process child = startEtl(log);
          try {
            if (phase != null) {
              long delay = random.nextInt(phase.maxDelayMillis(format));
              if (awaitLogLine(child, log, phase.logLine(format))
                  && !child.waitFor(delay, TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                kills++;
                killsThisStep++;
                killLog.add(
                    String.format(
                        "%s step %d: SIGKILL %d ms into %s; left behind: %s",
                        format.text(), step, delay, phase, leftovers()));
                continue;
              }
            }
            assertThat(child.waitFor(4, TimeUnit.MINUTES))
                .as("%s run finished; log %s", format.text(), log)
                .isTrue();
            assertThat(child.exitValue())
                .as("exit status; log:%n%s", Files.readString(log, StandardCharsets.UTF_8))
                .isZero();
            killLog.add(
                String.format(
                    "%s step %d: run %d exited 0%s",
                    format.text(),
                    step,
                    attempt,
                    phase == null ? "" : " before the kill meant for " + phase));
            break;
          } finally {
            if (child.isAlive()) {
              child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
          }
        }
        assertThat(readerRows())
            .as("%s rows after step %d (none lost, none twice)", format.text(), step)
            .isEqualTo(expectedRows());
      }
      killLog.add(format.text() + " at the end, left behind: " + leftovers());
      assertThat(kills).as("%s kills", format.text()).isGreaterThanOrEqualTo(MIN_KILLS);
      return String.join("\n", killLog);
    }

    /** One step's raw data: a producer run for one arrival hour, and one object sent again. */
    private void arrive(int step) throws IOException {
      String hour = String.format("%02d", 10 + step);
      int exit =
          Main.execute(
              "produce",
              "--sink",
              "local",
              "--out",
              raw().toString(),
              "--records",
              String.valueOf(RECORDS_PER_STEP),
              "--seed",
              String.valueOf(SEED + step),
              "--start",
              "2025-11-09T" + hour + ":00:00Z",
              "--span",
              "1h",
              "--late-fraction",
              "0.05",
              "--duplicate-fraction",
              "0.02");
      assertThat(exit).as("produce").isZero();
      if (step > 0) {
        // A retried delivery: an object of the previous step again, under a new name in this hour.
        Path previous = raw().resolve("2025/11/09/" + String.format("%02d", 9 + step));
        Path resent;
        try (Stream<Path> files = Files.list(previous)) {
          resent =
              files.filter(p -> p.toString().endsWith(".gz")).sorted().findFirst().orElseThrow();
        }
        Files.copy(resent, raw().resolve("2025/11/09/" + hour + "/resent-" + resent.getFileName()));
      }
    }

    private Process startEtl(Path log) throws IOException {
      List<String> command = Launcher.jvmCommand(childLogConfig());
      command.addAll(
          List.of(
              "etl",
              "--incremental",
              "--raw",
              raw().toString(),
              "--curated",
              curated().toString(),
              "--format",
              format.text(),
              "--master",
              "local[2]"));
      if (format == TableFormat.PARQUET) {
        command.add("--no-register");
      }
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
      // The iceberg child's local catalog (embedded Derby metastore) lives here; kills leave it
      // as a crashed Derby database, which the next child must boot.
      builder.environment().put("LOGLAKE_HOME", home().toString());
      return builder.start();
    }

    /**
     * The test JVM's logging (loglake at INFO, the rest at WARN) plus the Spark, Hadoop and Iceberg
     * lines that mark the write and the commit.
     */
    private Path childLogConfig() throws IOException {
      Path config = dir.resolve("log4j2-child.properties");
      if (!Files.exists(config)) {
        Launcher.writeLogConfig(
            config,
            List.of(
                "org.apache.spark.scheduler.DAGScheduler",
                "org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter",
                "org.apache.iceberg.spark.source.SparkWrite"));
      }
      return config;
    }

    /** WARN and ERROR records of every .gz file, once per event_id, as dt|hr|fields, sorted. */
    private List<String> expectedRows() {
      List<RawLogs.Raw> records = RawLogs.read(raw());
      Map<String, RawLogs.Raw> byEventId = new HashMap<>();
      for (RawLogs.Raw record : records) {
        RawLogs.Raw earlier = byEventId.putIfAbsent(record.eventId(), record);
        assertThat(earlier == null || earlier.fields().equals(record.fields()))
            .as("copies of %s are the same record", record.eventId())
            .isTrue();
      }
      return RawLogs.expectedCuratedRows(records).keySet().stream().sorted().toList();
    }

    private List<String> readerRows() throws SQLException, IOException {
      return format == TableFormat.PARQUET ? parquetRows() : icebergRows();
    }

    /** What a reader counts: every visible Parquet file, read with DuckDB, sorted. */
    private List<String> parquetRows() throws SQLException {
      List<Path> files = visibleParquetFiles();
      if (files.isEmpty()) {
        return List.of();
      }
      String list =
          files.stream()
              .map(p -> "'" + p.toString().replace("'", "''") + "'")
              .collect(Collectors.joining(", ", "[", "]"));
      List<String> rows = new ArrayList<>();
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
          Statement statement = duck.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT concat_ws('|', cast(dt AS VARCHAR), cast(hr AS VARCHAR), timestamp,"
                      + " level, service, message, user_id, ip, event_id) FROM read_parquet("
                      + list
                      + ", hive_partitioning = true)")) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      rows.sort(null);
      return rows;
    }

    /** The current snapshot of the table the catalog names, scanned by Iceberg's reader, sorted. */
    private List<String> icebergRows() throws SQLException, IOException {
      Table table = icebergTable();
      List<String> rows = new ArrayList<>();
      try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
        for (Record r : records) {
          rows.add(IcebergRows.row(r));
        }
      }
      rows.sort(null);
      return rows;
    }

    /**
     * The table at the metadata file the child's catalog points at: read from the metastore's Derby
     * database (the Hive table parameter {@code metadata_location}), which is then shut down so the
     * next child can open it.
     */
    private Table icebergTable() throws SQLException {
      String url = "jdbc:derby:" + home().resolve("metastore/metastore_db");
      String location;
      try (Connection derby = DriverManager.getConnection(url);
          PreparedStatement query =
              derby.prepareStatement(
                  "SELECT p.PARAM_VALUE FROM TABLE_PARAMS p JOIN TBLS t ON p.TBL_ID = t.TBL_ID"
                      + " JOIN DBS d ON t.DB_ID = d.DB_ID WHERE d.NAME = ? AND t.TBL_NAME = ?"
                      + " AND p.PARAM_KEY = 'metadata_location'")) {
        query.setString(1, "logs_analytics");
        query.setString(2, "app_logs_curated");
        try (ResultSet rs = query.executeQuery()) {
          assertThat(rs.next()).as("the catalog holds the iceberg table").isTrue();
          location = rs.getString(1);
        }
      } finally {
        try {
          DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
          // Derby reports a successful shutdown of one database as SQLState 08006.
          if (!"08006".equals(expected.getSQLState())) {
            throw expected;
          }
        }
      }
      FileIO io = new HadoopFileIO(new Configuration());
      return new BaseTable(new StaticTableOperations(location, io), "app_logs_curated");
    }

    /** Data files named by any snapshot of the table (all of its history, not only the current). */
    private Set<String> namedDataFiles(Table table) throws IOException {
      Set<String> named = new HashSet<>();
      for (Snapshot snapshot : table.snapshots()) {
        for (ManifestFile manifest : snapshot.dataManifests(table.io())) {
          try (CloseableIterable<DataFile> files = ManifestFiles.read(manifest, table.io())) {
            for (DataFile file : files) {
              named.add(new org.apache.hadoop.fs.Path(file.location()).toUri().getPath());
            }
          }
        }
      }
      return named;
    }

    private static boolean hidden(Path root, Path file) {
      for (Path part : root.relativize(file)) {
        String name = part.toString();
        if (name.startsWith("_") || name.startsWith(".")) {
          return true;
        }
      }
      return false;
    }

    private List<Path> curatedFiles() {
      if (!Files.isDirectory(curated())) {
        return List.of();
      }
      try (Stream<Path> files = Files.walk(curated())) {
        return files.filter(Files::isRegularFile).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private List<Path> visibleParquetFiles() {
      return curatedFiles().stream()
          .filter(p -> !hidden(curated(), p) && p.toString().endsWith(".parquet"))
          .toList();
    }

    /**
     * What readers do not count. Parquet: files a reader skips by name, other than Hadoop's .crc
     * checksums of the visible files. Iceberg: the number of data files no snapshot names (orphans,
     * which {@code remove_orphan_files} deletes).
     */
    private String leftovers() {
      if (format == TableFormat.PARQUET) {
        return curatedFiles().stream()
            .filter(p -> hidden(curated(), p) && !p.toString().endsWith(".crc"))
            .map(p -> curated().relativize(p).toString().replace(File.separatorChar, '/'))
            .toList()
            .toString();
      }
      if (!Files.isDirectory(home().resolve("metastore/metastore_db"))
          || !Files.isDirectory(curated().resolve("metadata"))) {
        return "no table yet";
      }
      try {
        Set<String> named = namedDataFiles(icebergTable());
        List<Path> data =
            curatedFiles().stream()
                .filter(p -> p.startsWith(curated().resolve("data")))
                .filter(p -> p.toString().endsWith(".parquet"))
                .toList();
        long orphans = data.stream().filter(p -> !named.contains(p.toString())).count();
        return data.size() + " data files, " + orphans + " named by no snapshot (orphans)";
      } catch (SQLException | IOException | AssertionError e) {
        return "table not readable yet (" + e.getMessage().lines().findFirst().orElse("") + ")";
      }
    }
  }
}
