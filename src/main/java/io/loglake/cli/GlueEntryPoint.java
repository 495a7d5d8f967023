package io.loglake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The entry point of the ETL job on AWS Glue (and any launcher that passes Glue-style arguments):
 * {@code --KEY value} pairs, some of them Glue's own ({@code --JOB_NAME}, {@code --TempDir}, {@code
 * --job-bookmark-option}, …). The options {@code loglake etl} knows are passed on; the rest are
 * Glue's business and are dropped (and logged). The session is the one Glue configured.
 *
 * <p>It lives with the command line, not in {@code io.loglake.job}: it is a second way into {@code
 * loglake etl} (arguments, then the same command), and the job never depends on the CLI.
 */
public final class GlueEntryPoint {
  private static final Logger LOG = LoggerFactory.getLogger(GlueEntryPoint.class);

  private GlueEntryPoint() {}

  /** Runs the job; throws when it fails, so that Glue marks the run as failed. */
  public static void run(String[] glueArguments) {
    int exitCode = Main.execute(toEtlArguments(glueArguments).toArray(String[]::new));
    if (exitCode != Main.EXIT_OK) {
      throw new IllegalStateException(
          "loglake etl failed with exit code " + exitCode + "; see the log above");
    }
  }

  public static void main(String[] args) {
    run(args);
  }

  /** {@code etl} followed by the {@code --KEY value} pairs that {@code loglake etl} knows. */
  static List<String> toEtlArguments(String[] glueArguments) {
    Set<String> known = new CommandLine(new EtlCommand()).getCommandSpec().optionsMap().keySet();
    List<String> etl = new ArrayList<>(List.of("etl"));
    for (int i = 0; i < glueArguments.length; i++) {
      String key = glueArguments[i];
      boolean hasValue = i + 1 < glueArguments.length && !glueArguments[i + 1].startsWith("--");
      String value = hasValue ? glueArguments[++i] : null;
      if (known.contains(key)) {
        etl.add(key);
        if (value != null) {
          etl.add(value);
        }
      } else {
        LOG.info("ignoring the platform argument {}", key);
      }
    }
    return etl;
  }
}
