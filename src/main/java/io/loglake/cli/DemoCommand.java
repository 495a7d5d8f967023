package io.loglake.cli;

import io.loglake.LoglakeException;
import io.loglake.catalog.CatalogLocation;
import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.config.LoglakeHome;
import io.loglake.config.TableFormat;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProduceSummary;
import io.loglake.query.QueryRunner;
import io.loglake.query.ResultFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loglake demo}: the whole pipeline on this machine — sample logs into a raw zone, the ETL
 * job (which registers a curated table), and the seed's sample query, fixed, run from {@link
 * #SAMPLE_QUERY} through the catalog as {@code loglake query} runs it.
 *
 * <p>Contract: the demo works only in its own folder, {@code $LOGLAKE_HOME/demo/} (raw, curated,
 * _quarantine), and its own table, {@link #DEMO_TABLE}; it deletes and drops only those, and only
 * when they are its own (the folder holds {@link #MARKER}, the table is over the demo's curated
 * folder). Anything else of that name makes it refuse, with what to do. The user's raw and curated
 * zones and {@code logs_analytics.app_logs_curated} are never touched.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the pipeline end to end in $LOGLAKE_HOME/demo: sample logs -> ETL -> the seed's sample query.")
public final class DemoCommand extends SparkCommand {
  /** The demo's table: the seed's curated table under another name, so the user's stays theirs. */
  static final String DEMO_TABLE = "logs_analytics.app_logs_demo";

  /** Marks the folder as the demo's (hidden from the reader by its leading underscore). */
  static final String MARKER = "_loglake_demo";

  /**
   * The seed's example query (errors by service for yesterday), fixed; a copy of sql/ is in the
   * jar.
   */
  static final String SAMPLE_QUERY = "sql/athena/queries/errors_by_service_yesterday.sql";

  @Option(
      names = "--records",
      defaultValue = "300000",
      description =
          "Sample records to generate (default: ${DEFAULT-VALUE}), spread over yesterday (UTC).")
  long records;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--format",
      paramLabel = "parquet|iceberg",
      defaultValue = EtlConfig.DEFAULT_FORMAT_TEXT,
      description =
          "The demo table's format, as etl --format: parquet or iceberg (default:"
              + " ${DEFAULT-VALUE}). An earlier demo's table of the other format is replaced.")
  String format;

  @Override
  boolean progressBar() {
    return System.console() != null;
  }

  @Override
  int execute() {
    if (records <= 0) {
      throw usage("--records must be positive, got " + records);
    }
    TableFormat tableFormat;
    try {
      tableFormat = TableFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid --format: " + e.getMessage());
    }
    return run(spark(), home(), records, seed, tableFormat, out(), err());
  }

  /** The demo's curated folder under {@code home} ({@code loglake dashboard --demo} reads it). */
  static Path curatedFolder(LoglakeHome home) {
    return folder(home).resolve("curated");
  }

  /** The demo's folder under {@code home}. */
  static Path folder(LoglakeHome home) {
    return home.root().resolve("demo");
  }

  /**
   * Runs the demo on {@code spark}: prints progress to {@code err} and the query's table to {@code
   * out}.
   */
  static int run(
      SparkSession spark,
      LoglakeHome home,
      long records,
      long seed,
      TableFormat format,
      PrintWriter out,
      PrintWriter err) {
    Path demo = folder(home);
    Path raw = demo.resolve("raw");
    Path curated = curatedFolder(home);
    EtlConfig config =
        EtlConfig.builder()
            .rawPath(raw.toString())
            .curatedPath(curated.toString())
            .curatedTable(TableName.parse(DEMO_TABLE))
            .format(format)
            .build();
    prepare(spark, demo, config);

    Instant start =
        LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    err.printf(
        "[1/3] Generating %,d sample log records for %s (UTC) into %s%n",
        records, start.toString().substring(0, 10), raw);
    err.flush();
    ProduceSummary produced =
        LogProducer.produceLocal(raw, records, seed, start, Duration.ofHours(24));
    err.println("      " + produced.describe());

    err.println(
        "[2/3] Running the ETL job: "
            + raw
            + " -> "
            + curated
            + " ("
            + format.text()
            + " table "
            + DEMO_TABLE
            + ")");
    err.flush();
    RunReport report = EtlJob.run(spark, config);
    keepReport(spark, report, Path.of(EtlConfig.defaultStatePath(curated.toString())));

    err.println(
        "[3/3] Errors by service for yesterday (UTC): " + SAMPLE_QUERY + " on " + DEMO_TABLE);
    err.flush();
    QueryCommand.print(
        QueryRunner.run(spark, sampleQuery(), Map.of(), QueryCommand.DEFAULT_LIMIT),
        ResultFormat.TABLE,
        out);
    return Main.EXIT_OK;
  }

  /**
   * Keeps the run's report where {@code loglake dashboard --demo} reads run reports: {@code
   * <state>/reports/<run id>.json}, state being the default one beside the demo's curated folder.
   */
  static void keepReport(SparkSession spark, RunReport report, Path state) {
    org.apache.hadoop.fs.Path target =
        new org.apache.hadoop.fs.Path(
            state.resolve("reports").toUri().toString(), report.runId() + ".json");
    try {
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      // No .crc file beside it (the local file system writes one by default), as StreamReports.
      fs.setWriteChecksum(false);
      try (OutputStream out = fs.create(target, true)) {
        out.write(report.toJson().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot keep the demo's run report in " + target + ": " + e.getMessage(),
          "check that " + state + " is writable",
          e);
    }
  }

  /** The sample query's text with the demo's table in place of the seed's curated table. */
  static String sampleQuery() {
    String sql = QueryRunner.classpathSql(SAMPLE_QUERY);
    if (!sql.contains(EtlConfig.DEFAULT_CURATED_TABLE)) {
      throw new IllegalStateException(
          SAMPLE_QUERY + " no longer names " + EtlConfig.DEFAULT_CURATED_TABLE);
    }
    return sql.replace(EtlConfig.DEFAULT_CURATED_TABLE, DEMO_TABLE);
  }

  /**
   * Clears what an earlier demo left in {@code demo} and forgets its table; refuses, before
   * deleting anything, when the folder or the table is not the demo's.
   */
  private static void prepare(SparkSession spark, Path demo, EtlConfig config) {
    Path curated = Path.of(config.curatedPath());
    // The run's own folders, its quarantine and state the default ones (beside curated, so in the
    // demo's folder).
    List<Path> own =
        List.of(
            Path.of(config.rawPath()),
            curated,
            Path.of(config.quarantinePath()),
            Path.of(EtlConfig.defaultStatePath(curated.toString())));
    for (Path folder : own) {
      if (!folder.toAbsolutePath().normalize().startsWith(demo)) {
        throw new IllegalStateException(folder + " is not inside the demo folder " + demo);
      }
    }
    String retry =
        "move it away, or run the demo in a home of its own:"
            + " LOGLAKE_HOME=/tmp/loglake-demo scripts/loglake demo";
    if (Files.isDirectory(demo) && !isEmpty(demo) && !Files.exists(demo.resolve(MARKER))) {
      throw new LoglakeException(
          "Cannot run the demo: " + demo + " holds files the demo did not write", retry);
    }
    TableName table = TableName.parse(DEMO_TABLE);
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    boolean tableExists =
        catalog.databaseExists(table.database())
            && catalog.tableExists(table.database(), table.table());
    if (tableExists) {
      String location = catalog.getTable(table.database(), table.table()).location().toString();
      if (!CatalogLocation.same(location, curated.toUri().toString())
          && !CatalogLocation.same(location, "file:" + curated)) {
        throw new LoglakeException(
            "Cannot run the demo: the table "
                + DEMO_TABLE
                + " is over "
                + location
                + ", not the demo's "
                + curated,
            "drop it if it is not yours (DROP TABLE keeps its files), or " + retry);
      }
      // The demo's own table, of either format: its partitions (or its Iceberg metadata) name
      // folders about to be deleted. DROP TABLE without PURGE leaves the files, deleted below.
      spark.sql("DROP TABLE " + table.quoted());
    }
    try {
      for (Path folder : own) {
        deleteRecursively(folder);
      }
      Files.createDirectories(demo);
      Files.writeString(
          demo.resolve(MARKER),
          "written by loglake demo, which owns this folder; safe to delete\n");
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot prepare the demo folder " + demo + ": " + e.getMessage(),
          "check that it is writable, or " + retry,
          e);
    }
  }

  private static boolean isEmpty(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
