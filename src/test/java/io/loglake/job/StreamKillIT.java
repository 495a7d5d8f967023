package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.RawLogs;
import io.loglake.config.TableFormat;
import io.loglake.producer.DeadLetterFile;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.KafkaSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogRecord;
import io.loglake.testing.CuratedRows;
import io.loglake.testing.IcebergRows;
import io.loglake.testing.KafkaTestBroker;
import io.loglake.testing.Launcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through {@code kill -9}, {@code loglake stream --source kafka}, both formats at
 * once: records with faults (late, duplicated, malformed) are sent to a real broker ({@link
 * KafkaTestBroker}); the stream runs in a child JVM ({@link Launcher#startJvm}) that is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) once its log shows a micro-batch's read, write, table
 * commit or the end of that commit (in turn: the last is the window between the table's commit and
 * Spark's commit log, which makes the restarted stream replay a batch the table already holds),
 * after a delay within that phase drawn from a seeded {@link Random}; more records arrive before
 * each restart (new ones, late ones, and resends of records already sent); after at least 10 kills
 * a last run with {@code --once} reads what is left and must exit 0. The curated rows — Parquet:
 * the files a reader counts, read with DuckDB; Iceberg: the snapshot the catalog points to, read
 * with IcebergGenerics — are then compared row by row with the rows computed from what was sent
 * with plain Jackson ({@link RawLogs#expectedCuratedRows}): no row lost, none twice.
 */
class StreamKillIT {
  private static final long SEED = 20251110L;
  private static final int MIN_KILLS = 10;
  private static final int RECORDS_PER_ARRIVAL = 400;
  private static final int RESENT_PER_ARRIVAL = 20;
  private static final Instant START = Instant.parse("2025-11-09T10:00:00Z");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /**
   * Where a kill lands: after the child's log shows the phase started (a line Spark, Hadoop or
   * Iceberg prints; one per format; a micro-batch's first write is its curated rows, its second the
   * quarantine), plus a random delay up to the phase's usual length.
   */
  private enum Phase {
    READ("Committed offsets for batch", "Committed offsets for batch", 1_500),
    WRITE("Using output committer class", "Start processing data source write support", 1_000),
    COMMIT("Start to commit write Job", "SparkWrite: Committing", 1_000),
    COMMITTED(" committed. Elapsed time", "SparkWrite: Committed in", 300);

    final String parquetLine;
    final String icebergLine;
    final int maxDelayMillis;

    Phase(String parquetLine, String icebergLine, int maxDelayMillis) {
      this.parquetLine = parquetLine;
      this.icebergLine = icebergLine;
      this.maxDelayMillis = maxDelayMillis;
    }

    String line(TableFormat format) {
      return format == TableFormat.ICEBERG ? icebergLine : parquetLine;
    }
  }

  /** The loggers whose INFO lines mark the phases. */
  private static final List<String> PHASE_LOGGERS =
      List.of(
          "org.apache.spark.sql.execution.streaming.MicroBatchExecution",
          "org.apache.spark.sql.execution.datasources.FileFormatWriter",
          "org.apache.spark.sql.execution.datasources.v2",
          "org.apache.iceberg.spark.source.SparkWrite");

  @Test
  void killedStreamsStartedAgainLeaveEveryRowExactlyOnce() throws Exception {
    try (KafkaTestBroker broker = KafkaTestBroker.start(dir.resolve("broker"))) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        // The two formats' streams run side by side (each its own topic, state and home).
        Future<List<String>> parquet =
            pool.submit(() -> new KilledStream(TableFormat.PARQUET, broker).run());
        Future<List<String>> iceberg =
            pool.submit(() -> new KilledStream(TableFormat.ICEBERG, broker).run());
        List<String> log = new ArrayList<>(parquet.get(20, TimeUnit.MINUTES));
        log.addAll(iceberg.get(20, TimeUnit.MINUTES));
        System.out.println(String.join("\n", log));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** One format's stream: sent to, killed, restarted, checked. */
  private final class KilledStream {
    private final TableFormat format;
    private final KafkaTestBroker broker;
    private final Path home;
    private final String topic;
    private final Random random;
    private final List<String> sent = new ArrayList<>();
    private final List<String> killLog = new ArrayList<>();
    private int arrivals;

    KilledStream(TableFormat format, KafkaTestBroker broker) {
      this.format = format;
      this.broker = broker;
      this.home = dir.resolve(format.name().toLowerCase(Locale.ROOT));
      this.topic = "logs-" + format.name().toLowerCase(Locale.ROOT);
      this.random = new Random(SEED + format.ordinal());
    }

    private Path curated() {
      return home.resolve("curated");
    }

    List<String> run() throws Exception {
      Files.createDirectories(home);
      arrive();
      int kills = 0;
      int attempt = 0;
      while (kills < MIN_KILLS) {
        attempt++;
        Phase phase = Phase.values()[kills % Phase.values().length];
        long delay = random.nextInt(phase.maxDelayMillis);
        Path log = home.resolve("child-" + attempt + ".log");
        Process child = start(log, false);
        try {
          boolean seen = Launcher.awaitLogLine(child, log, phase.line(format), 3);
          assertThat(seen && !child.waitFor(delay, TimeUnit.MILLISECONDS))
              .as("%s stream runs until killed; log:%n%s", format, read(log))
              .isTrue();
          child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          kills++;
          killLog.add(
              String.format(
                  "%s run %d: SIGKILL %d ms into %s (%d records sent); %s",
                  format, attempt, delay, phase, sent.size(), leftovers()));
        } finally {
          if (child.isAlive()) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          }
        }
        // Data arriving between restarts: new records, late ones, resends of earlier ones.
        arrive();
      }
      Path log = home.resolve("child-last.log");
      Process last = start(log, true);
      try {
        assertThat(last.waitFor(5, TimeUnit.MINUTES)).as("%s last run finished", format).isTrue();
        assertThat(last.exitValue()).as("%s last run; log:%n%s", format, read(log)).isZero();
      } finally {
        if (last.isAlive()) {
          last.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
      killLog.add(format + " last run (--once) exited 0; " + leftovers());
      List<String> replays = replays(attempt);
      killLog.add(format + " replayed batches: " + replays);
      assertRowsExactlyOnce();
      // The kills landed inside micro-batches: restarts ran batches again (else nothing was
      // tested).
      assertThat(replays).as("%s restarts that replayed a batch cut short", format).isNotEmpty();
      return killLog;
    }

    private void assertRowsExactlyOnce() throws Exception {
      List<RawLogs.Raw> records = new ArrayList<>();
      for (String value : sent) {
        RawLogs.parseLine(value).ifPresent(records::add);
      }
      Map<String, Long> expected = RawLogs.expectedCuratedRows(records);
      Map<String, Long> actual =
          format == TableFormat.ICEBERG
              ? IcebergRows.counts(
                  CuratedRows.icebergInMetastore(
                      home.resolve("home/metastore/metastore_db"),
                      "logs_analytics",
                      "app_logs_curated"))
              : CuratedRows.visibleParquet(curated());
      assertThat(expected).as("the test sends WARN and ERROR records").isNotEmpty();
      assertThat(actual).as("%s curated rows (none lost, none twice)", format).isEqualTo(expected);
    }

    /** Parquet: the files left that readers skip (staging of killed writes). */
    private String leftovers() {
      return format == TableFormat.PARQUET
          ? "hidden files in curated: " + CuratedRows.hiddenLeftovers(curated())
          : "";
    }

    /**
     * The batches that restarts ran again, from Spark's log of each run ("Resuming at batch N with
     * committed offsets C and available offsets A": C differs from A when batch N's offsets were
     * logged and its commit was not), each with what the replay wrote (its progress line; 0 when
     * the table held the whole batch already).
     */
    private List<String> replays(int attempts) throws java.io.IOException {
      Pattern resuming =
          Pattern.compile(
              "Resuming at batch (\\d+) with committed offsets (.*) and available offsets (.*)");
      List<String> replays = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      for (int i = 2; i <= attempts; i++) {
        logs.add(home.resolve("child-" + i + ".log"));
      }
      logs.add(home.resolve("child-last.log"));
      for (Path log : logs) {
        String text = read(log);
        Matcher m = resuming.matcher(text);
        if (m.find() && !m.group(2).equals(m.group(3))) {
          Matcher progress =
              Pattern.compile(
                      "batch " + m.group(1) + ": read ([\\d,]+) records, wrote ([\\d,]*\\d)")
                  .matcher(text);
          replays.add(
              "batch "
                  + m.group(1)
                  + (progress.find() ? " wrote " + progress.group(2) : " (killed again)")
                  + " in "
                  + log.getFileName());
        }
      }
      return replays;
    }

    /** Sends one arrival's records (with faults) and resends some sent before. */
    private void arrive() {
      long seed = SEED * 100 + arrivals;
      Instant start = START.plus(Duration.ofMinutes(2L * arrivals));
      arrivals++;
      List<String> resend = new ArrayList<>();
      List<String> earlier = sent.stream().filter(v -> RawLogs.parseLine(v).isPresent()).toList();
      for (int i = 0; i < RESENT_PER_ARRIVAL && !earlier.isEmpty(); i++) {
        resend.add(earlier.get(random.nextInt(earlier.size())));
      }
      FaultInjector records =
          new FaultInjector(
              new LogGenerator(seed, EventSchedule.atDefaultRate(start, RECORDS_PER_ARRIVAL)),
              new FaultInjector.Faults(0.05, 0.05, 0.02),
              seed);
      try (KafkaSink sink =
          new KafkaSink(
              broker.bootstrapServers(),
              topic,
              Map.of(),
              new DeadLetterFile(home.resolve("dead-" + seed + ".ndjson")),
              notice -> {
                throw new AssertionError("unexpected notice: " + notice);
              })) {
        records.forEachRemaining(
            r -> {
              sink.send(r);
              sent.add(r.json());
            });
        for (String again : resend) {
          sink.send(new LogRecord(0, again));
          sent.add(again);
        }
        sink.flush();
      }
    }

    private Process start(Path log, boolean once) throws Exception {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "stream",
                  "--source",
                  "kafka",
                  "--bootstrap-servers",
                  broker.bootstrapServers(),
                  "--topic",
                  topic,
                  "--curated",
                  curated().toString(),
                  "--quarantine",
                  home.resolve("quarantine").toString(),
                  "--state",
                  home.resolve("state").toString(),
                  "--format",
                  format.name().toLowerCase(Locale.ROOT),
                  "--trigger",
                  "500ms",
                  "--master",
                  "local[2]"));
      if (format == TableFormat.PARQUET) {
        args.add("--no-register");
      }
      if (once) {
        args.add("--once");
      }
      return Launcher.startJvm(
          home, log, Map.of("LOGLAKE_HOME", home.resolve("home").toString()), PHASE_LOGGERS, args);
    }
  }

  private static String read(Path log) throws java.io.IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
  }
}
