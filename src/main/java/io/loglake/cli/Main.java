package io.loglake.cli;

import io.loglake.LoglakeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The loglake command line. Exit codes: 0 success, 1 failure (with what failed and what to do), 2
 * usage error (with a one-line message and the usage), 3 a data-quality rule failed ({@code check},
 * {@code etl --check}, {@code stream --check}: the data is written, the numbers are printed).
 */
@Command(
    name = "loglake",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Real-time log processing pipeline: produce logs, run the ETL, query the result.",
    subcommands = {
      EtlCommand.class,
      StreamCommand.class,
      ProduceCommand.class,
      DemoCommand.class,
      QueryCommand.class,
      CrawlCommand.class,
      CompactCommand.class,
      CheckCommand.class,
      DashboardCommand.class,
      ReportCommand.class
    })
public final class Main implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;

  /**
   * A data-quality rule failed: not 1, so that a scheduler can tell bad data (alert, do not retry:
   * a rerun reads the same data) from a run that could not do its work (retry).
   */
  public static final int EXIT_QUALITY = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code; never calls {@code System.exit}. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setParameterExceptionHandler(Main::onUsageError);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> onFailure(ex, commandLine.getErr()));
    return cli.execute(args);
  }

  private static int onUsageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("loglake: " + ex.getMessage());
    cmd.usage(err);
    return EXIT_USAGE;
  }

  static int onFailure(Exception ex, PrintWriter err) {
    if (ex instanceof CommandLine.ParameterException pe) {
      return onUsageError(pe, new String[0]);
    }
    if (ex instanceof LoglakeException le) {
      err.println("loglake: " + le.getMessage());
      if (!le.hint().isEmpty()) {
        err.println("  what to do: " + le.hint());
      }
    } else {
      err.println("loglake: failed: " + ex);
      err.println(
          "  what to do: this is unexpected; rerun with LOGLAKE_DEBUG=1 for the stack trace and report it.");
    }
    if (printsStackTraces(
        System.getenv("LOGLAKE_DEBUG"), System.getProperty("spark.master") == null)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return EXIT_FAILURE;
  }

  /**
   * Whether a failure's stack trace is printed: with {@code LOGLAKE_DEBUG} set, and always on a
   * platform (Glue, EMR, spark-submit), where no environment variable can be set for the driver and
   * the log is all there is to go on afterwards. A run is local when no launcher set {@code
   * spark.master} (as {@code SparkSessionFactory.isLocal}, without needing Spark on the classpath).
   */
  static boolean printsStackTraces(String debugVariable, boolean localRun) {
    return debugVariable != null || !localRun;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"loglake " + (v == null ? "dev" : v)};
    }
  }
}
