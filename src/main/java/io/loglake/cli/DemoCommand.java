package io.loglake.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;

import io.loglake.LoglakeException;
import io.loglake.config.EtlConfig;
import io.loglake.config.LoglakeHome;
import io.loglake.job.EtlJob;
import io.loglake.job.SparkSessionFactory;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProduceSummary;
import io.loglake.schema.LogSchema;
import io.loglake.transform.LevelNormalizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loglake demo}: the whole pipeline on this machine — sample logs into the local raw zone,
 * the ETL job, and a per-service WARN/ERROR table read back from the curated Parquet.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the pipeline end to end under $LOGLAKE_HOME: sample logs -> ETL -> summary table.")
public final class DemoCommand implements Callable<Integer> {
  /** Marks a raw zone the demo made (hidden from the reader by its leading underscore). */
  static final String SAMPLE_MARKER = "_loglake_demo_sample";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--records", defaultValue = "300000",
      description = "Sample records to generate (default: ${DEFAULT-VALUE}), spread over yesterday (UTC).")
  long records;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    if (records <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--records must be positive, got " + records);
    }
    LoglakeHome home = LoglakeHome.fromEnvironment();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path raw = home.raw();
    prepare(home);

    Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    err.printf("[1/3] Generating %,d sample log records for %s (UTC) into %s%n", records,
        start.toString().substring(0, 10), raw);
    err.flush();
    ProduceSummary produced = LogProducer.produceLocal(raw, records, seed, start, Duration.ofHours(24));
    Files.writeString(raw.resolve(SAMPLE_MARKER), "written by loglake demo; safe to delete\n");
    err.println("      " + produced.describe());

    err.println("[2/3] Running the ETL job: " + raw + " -> " + home.curated());
    err.flush();
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessionFactory.create("loglake-demo", null, home, System.console() != null);
    try {
      EtlConfig config = new EtlConfig(raw.toString(), null, home.curated().toString(), null,
          LevelNormalizer.parseList(EtlConfig.DEFAULT_LEVELS), null, EtlConfig.DEFAULT_TARGET_FILE_BYTES);
      EtlJob.run(spark, config);

      err.println("[3/3] WARN/ERROR records per service, read back from " + home.curated());
      err.flush();
      List<Row> table = spark.read().parquet(home.curated().toString())
          .groupBy(col(LogSchema.SERVICE))
          .agg(expr("count_if(level = 'WARN')").as("warn_count"),
              expr("count_if(level = 'ERROR')").as("error_count"), count("*").as("total"))
          .orderBy(col("error_count").desc(), col(LogSchema.SERVICE))
          .collectAsList();
      printTable(out, table);
      return Main.EXIT_OK;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }

  /** Clears what an earlier demo left; refuses to touch a raw zone the demo did not make. */
  private static void prepare(LoglakeHome home) throws IOException {
    Path raw = home.raw();
    if (Files.isDirectory(raw) && !isEmpty(raw) && !Files.exists(raw.resolve(SAMPLE_MARKER))) {
      throw new LoglakeException(
          "Cannot run the demo: " + raw + " holds raw logs the demo did not write",
          "run it in a home of its own, e.g. LOGLAKE_HOME=/tmp/loglake-demo scripts/loglake demo");
    }
    for (Path folder : List.of(raw, home.curated(), home.root().resolve("_quarantine"))) {
      deleteRecursively(folder);
    }
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
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

  static void printTable(PrintWriter out, List<Row> rows) {
    int width = "service".length();
    for (Row row : rows) {
      width = Math.max(width, row.getString(0).length());
    }
    String format = "%-" + width + "s | %10s | %11s | %10s%n";
    out.printf(format, "service", "warn_count", "error_count", "total");
    out.println("-".repeat(width) + "-+-" + "-".repeat(10) + "-+-" + "-".repeat(11) + "-+-" + "-".repeat(10));
    for (Row row : rows) {
      out.printf(format, row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3));
    }
    out.flush();
  }
}
