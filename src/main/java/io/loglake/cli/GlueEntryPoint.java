package io.loglake.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The entry point of the ETL job on AWS Glue (and any launcher that passes Glue-style arguments),
 * called by jobs/glue/LoglakeGlueJob.scala with the script's {@code sysArgs}.
 *
 * <p>Glue passes every job argument as {@code --KEY VALUE}, its own among them ({@code --JOB_NAME},
 * {@code --JOB_RUN_ID}, {@code --TempDir}, {@code --job-bookmark-option}, {@code --conf}, …). This
 * class also accepts {@code --KEY=VALUE} and a bare {@code --KEY}. The options {@code loglake etl}
 * knows are passed on; the rest are Glue's business and are dropped (and logged). A Glue argument
 * always has a value, so a flag of {@code etl} ({@code --no-register}, {@code --incremental}) is on
 * for {@code true} or an empty value and off for {@code false}. {@code --curated} and one of {@code
 * --raw}/{@code --table} are required: their {@code etl} defaults ({@code $LOGLAKE_HOME}) would be
 * the driver's local disk, which vanishes with the run.
 *
 * <p>It lives with the command line, not in {@code io.loglake.job}: it is a second way into {@code
 * loglake etl} (arguments, then the same command), and the job never depends on the CLI.
 */
public final class GlueEntryPoint {
  private static final Logger LOG = LoggerFactory.getLogger(GlueEntryPoint.class);

  /**
   * Glue's own arguments that {@code etl} also has a name for: Glue's {@code --conf} is Spark
   * settings Glue has already applied to the session (and its value holds further {@code --conf}
   * words), never {@code etl}'s.
   */
  private static final Set<String> GLUE_RESERVED = Set.of("--conf");

  private GlueEntryPoint() {}

  /**
   * Runs the job; throws when it fails, so that Glue marks the run as failed. Bad arguments fail
   * before any Spark work, with a message reading "Cannot run the Glue job: …".
   */
  public static void run(String[] glueArguments) {
    List<String> etl = toEtlArguments(glueArguments);
    int exitCode = Main.execute(etl.toArray(String[]::new));
    if (exitCode != Main.EXIT_OK) {
      throw new IllegalStateException(
          "loglake etl failed with exit code " + exitCode + "; see the log above");
    }
  }

  public static void main(String[] args) {
    run(args);
  }

  /**
   * {@code etl} followed by the options {@code loglake etl} knows, in the order given.
   *
   * @throws IllegalArgumentException "Cannot run the Glue job: …" for a required option that is
   *     missing, a flag whose value is not true/false/empty, or an option without its value
   */
  static List<String> toEtlArguments(String[] glueArguments) {
    Map<String, OptionSpec> known = new CommandLine(new EtlCommand()).getCommandSpec().optionsMap();
    List<String> etl = new ArrayList<>(List.of("etl"));
    Set<String> given = new HashSet<>();
    for (int i = 0; i < glueArguments.length; i++) {
      String word = glueArguments[i];
      if (!word.startsWith("--")) {
        throw invalid("'" + word + "' is not a --KEY (every Glue job argument is --KEY VALUE)");
      }
      String key;
      String value;
      int equals = word.indexOf('=');
      if (equals > 0) {
        key = word.substring(0, equals);
        value = word.substring(equals + 1);
      } else {
        key = word;
        boolean hasValue = i + 1 < glueArguments.length && !glueArguments[i + 1].startsWith("--");
        value = hasValue ? glueArguments[++i] : null;
      }
      OptionSpec option = GLUE_RESERVED.contains(key) ? null : known.get(key);
      if (option == null) {
        LOG.info("ignoring the platform argument {}", key);
        continue;
      }
      given.add(key);
      etl.addAll(etlWords(key, value, option));
    }
    requireStorage(given);
    return etl;
  }

  /** What {@code etl} is given for Glue's {@code key value}; empty to leave a flag off. */
  private static List<String> etlWords(String key, String value, OptionSpec option) {
    boolean flag = option.type() == boolean.class || option.type() == Boolean.class;
    if (flag) {
      if (value == null || value.isEmpty() || value.equalsIgnoreCase("true")) {
        return List.of(key);
      }
      if (value.equalsIgnoreCase("false")) {
        return List.of();
      }
      throw invalid(key + " is a flag: give it true, false or an empty value, not '" + value + "'");
    }
    if (value == null || value.isEmpty()) {
      if (option.arity().min() == 0) {
        return List.of(key);
      }
      throw invalid(key + " needs a value (" + option.paramLabel() + ")");
    }
    return List.of(key, value);
  }

  private static void requireStorage(Set<String> given) {
    if (!given.contains("--curated")) {
      throw invalid(
          "--curated is missing; without it the output would go to the driver's local disk."
              + " Set it in the job's DefaultArguments, e.g. --curated s3://BUCKET/curated/");
    }
    if (!given.contains("--raw") && !given.contains("--table")) {
      throw invalid(
          "neither --raw nor --table is given; without one the input would be the driver's local"
              + " disk. Set --raw s3://BUCKET/raw/ (or --table DB.TABLE) in the job's"
              + " DefaultArguments");
    }
  }

  private static IllegalArgumentException invalid(String reason) {
    String message = "Cannot run the Glue job: " + reason;
    LOG.error(message);
    return new IllegalArgumentException(message);
  }
}
