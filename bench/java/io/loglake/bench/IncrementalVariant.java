package io.loglake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * The A-incremental variant: one new hour processed by {@code etl --incremental} on top of the data
 * set's hours, already curated by one earlier {@code --incremental} run (made once and kept in
 * {@code prepared/}). Every round restores that history into {@code work/} (loglake writes absolute
 * paths: state, metastore), adds the new hour's objects and runs once, as {@link IncrementalBench}
 * does with its own histories. The run is checked to write exactly the new hour's WARN/ERROR rows,
 * counted from its raw objects with DuckDB.
 */
final class IncrementalVariant {
  private static final DateTimeFormatter PARTITION =
      DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hr='H").withZone(ZoneOffset.UTC);

  /** One timed run: as {@link EngineRunner.Measurement}, and what the run reported writing. */
  record Measurement(
      long wallMillis, long inJobMillis, long peakRssBytes, long rowsWritten, Path newPartition) {}

  private final Path launcher;
  private final Path base;
  private final BenchData data;
  private final RawData newHour;
  private final long expectedRows;
  private final long setupMillis;

  private IncrementalVariant(
      Path launcher,
      Path base,
      BenchData data,
      RawData newHour,
      long expectedRows,
      long setupMillis) {
    this.launcher = launcher;
    this.base = base;
    this.data = data;
    this.newHour = newHour;
    this.expectedRows = expectedRows;
    this.setupMillis = setupMillis;
  }

  /**
   * Generates the new hour and curates the history from {@code day}, unless kept from an earlier
   * run, under {@code base}.
   */
  static IncrementalVariant ensure(
      Path launcher, Path base, BenchData data, RawData day, Connection duckdb, Path logs)
      throws IOException {
    RawData newHour =
        RawData.ensure(
            launcher,
            base.resolve("new-hour"),
            "the new hour after " + data.id() + " (" + data.newHourRecords() + " records)",
            data.newHourArguments(base.resolve("new-hour").toString()),
            IncrementalHistory.environment(base));
    Path prepared = base.resolve("prepared");
    Path marker = base.resolve("prepared.complete");
    Path work = base.resolve("work");
    long setup;
    if (Files.exists(marker)) {
      setup = Long.parseLong(Files.readString(marker).trim());
    } else {
      System.out.println("bench: curating " + data.id() + " once with etl --incremental...");
      BenchFiles.deleteRecursively(work);
      BenchFiles.deleteRecursively(prepared);
      Path raw = Files.createDirectories(work.resolve("raw"));
      IncrementalHistory.shell(List.of("cp", "-al", day.folder() + "/.", raw + "/"));
      Path log = logs.resolve(data.id() + "-incremental-history.log");
      MeasuredProcess.Result result =
          MeasuredProcess.run(
              IncrementalHistory.etl(launcher, work, "parquet", work.resolve("history.json")),
              IncrementalHistory.environment(work),
              log);
      IncrementalHistory.check(result, "curate the history of " + data.id(), log);
      IncrementalHistory.shell(List.of("cp", "-a", work.toString(), prepared.toString()));
      setup = result.wallMillis();
      Files.writeString(marker, setup + "\n");
    }
    return new IncrementalVariant(
        launcher, base, data, newHour, expectedRows(duckdb, newHour.folder()), setup);
  }

  /** WARN/ERROR rows of the new hour, once per event_id (or per content without one). */
  static long expectedRows(Connection duckdb, Path raw) {
    String sql =
        """
        SELECT count(DISTINCT coalesce(event_id,
                 concat_ws('|', "timestamp", level, service, message, user_id, ip)))
        FROM read_json(%s,
          format = 'newline_delimited', compression = 'gzip',
          columns = {timestamp: 'VARCHAR', level: 'VARCHAR', service: 'VARCHAR',
                     message: 'VARCHAR', user_id: 'VARCHAR', ip: 'VARCHAR', event_id: 'VARCHAR'})
        WHERE level IN ('WARN', 'ERROR') AND try_cast("timestamp" AS TIMESTAMP) IS NOT NULL
        """
            .formatted(DuckDbSql.literal(raw + "/**/*.gz"));
    try (Statement statement = duckdb.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the rows expected from " + raw, e);
    }
  }

  RawData newHour() {
    return newHour;
  }

  long expectedRows() {
    return expectedRows;
  }

  /** The wall time of the untimed run that curated the history. */
  long setupMillis() {
    return setupMillis;
  }

  /** Restores the history, adds the new hour and runs {@code etl --incremental} once. */
  Measurement run(Path log) throws IOException {
    Path prepared = base.resolve("prepared");
    Path work = base.resolve("work");
    BenchFiles.deleteRecursively(work);
    Files.createDirectories(work);
    try (Stream<Path> children = Files.list(prepared)) {
      for (Path child : children.toList()) {
        // The raw objects are never changed: links keep their times, which the state compares.
        String flags = child.getFileName().toString().equals("raw") ? "-al" : "-a";
        IncrementalHistory.shell(
            List.of("cp", flags, child.toString(), work.resolve(child.getFileName()).toString()));
      }
    }
    IncrementalHistory.shell(
        List.of("cp", "-al", newHour.folder() + "/.", work.resolve("raw") + "/"));
    Path report = work.resolve("report.json");
    MeasuredProcess.Result result =
        MeasuredProcess.run(
            IncrementalHistory.etl(launcher, work, "parquet", report),
            IncrementalHistory.environment(work),
            log);
    IncrementalHistory.check(result, "run etl --incremental on the new hour of " + data.id(), log);
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(report.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read loglake's run report " + report, e);
    }
    return new Measurement(
        result.wallMillis(),
        json.path("duration_ms").asLong(-1),
        result.peakRssBytes(),
        json.path("records_written").asLong(-1),
        work.resolve("curated").resolve(PARTITION.format(data.newHour())));
  }
}
