package io.loglake.cli;

import io.loglake.LoglakeException;
import io.loglake.catalog.QueryRunner;
import io.loglake.catalog.ResultFormat;
import io.loglake.config.EtlConfig;
import io.loglake.config.LoglakeHome;
import io.loglake.job.EtlJob;
import io.loglake.job.SparkSessionFactory;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProduceSummary;
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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loglake demo}: the whole pipeline on this machine — sample logs into the local raw zone,
 * the ETL job (which registers the curated table), and the seed's sample query, fixed, run from
 * {@link #SAMPLE_QUERY} through the catalog exactly as {@code loglake query} runs it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the pipeline end to end under $LOGLAKE_HOME: sample logs -> ETL -> the seed's sample query.")
public final class DemoCommand implements Callable<Integer> {
  /** Marks a raw zone the demo made (hidden from the reader by its leading underscore). */
  static final String SAMPLE_MARKER = "_loglake_demo_sample";
  /** The seed's example query (errors by service for yesterday), fixed; a copy of sql/ is in the jar. */
  static final String SAMPLE_QUERY = "sql/athena/queries/errors_by_service_yesterday.sql";

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
    return SparkSessionFactory.withSession("loglake-demo", null, home, System.console() != null, spark -> {
      // The curated folder was just emptied: forget partitions an earlier demo registered (data stays).
      spark.sql("DROP TABLE IF EXISTS " + EtlConfig.DEFAULT_CURATED_TABLE);
      EtlConfig config = new EtlConfig(raw.toString(), null, home.curated().toString(), null,
          LevelNormalizer.parseList(EtlConfig.DEFAULT_LEVELS), null, EtlConfig.DEFAULT_TARGET_FILE_BYTES,
          EtlConfig.DEFAULT_CURATED_TABLE);
      EtlJob.run(spark, config);

      err.println("[3/3] Errors by service for yesterday (UTC): " + SAMPLE_QUERY + " on "
          + EtlConfig.DEFAULT_CURATED_TABLE);
      err.flush();
      QueryCommand.print(
          QueryRunner.run(spark, QueryRunner.classpathSql(SAMPLE_QUERY), Map.of(), QueryCommand.DEFAULT_LIMIT),
          ResultFormat.TABLE, out);
      return Main.EXIT_OK;
    });
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
}
