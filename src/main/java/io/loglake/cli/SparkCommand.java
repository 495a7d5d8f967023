package io.loglake.cli;

import io.loglake.config.LoglakeHome;
import io.loglake.job.SparkSessionFactory;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * A command that runs on a Spark session, which this class owns. The session is built by {@link
 * SparkSessionFactory} on the first call to {@link #spark()} — so a command checks its arguments
 * first and a usage error never waits for Spark, and a run that needs no Spark ({@code crawl
 * --catalog glue}) never starts one — and stopped when {@link #call()} ends, normally or not. A
 * session that was already running (a test's, or one the platform started) is used and left
 * running.
 */
abstract class SparkCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private LoglakeHome home;
  private SparkSession session;
  private boolean ownSession;

  /** Runs {@link #execute()}, then stops the session it started, if it started one. */
  @Override
  public final Integer call() {
    try {
      return execute();
    } finally {
      SparkSession started = ownSession ? session : null;
      session = null;
      ownSession = false;
      if (started != null) {
        started.stop();
      }
    }
  }

  /** The command's work; returns the exit code. */
  abstract int execute();

  /**
   * The Spark master asked for on the command line, or null (commands without {@code --master}).
   */
  String master() {
    return null;
  }

  /**
   * The {@code --conf} settings of the command's {@link SparkOptions} mixin (empty without one); a
   * setting with no key is a usage error.
   */
  final Map<String, String> sparkConf() {
    for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof SparkOptions options) {
        for (String key : options.conf().keySet()) {
          if (key.isBlank()) {
            throw usage("Cannot use --conf " + key + "=...: the setting has no key (KEY=VALUE)");
          }
        }
        return options.conf();
      }
    }
    return Map.of();
  }

  /**
   * Settings a session this command starts is built with, under {@code --conf} (which wins); not
   * applied to a session that is already running. None by default.
   */
  Map<String, String> sessionDefaults() {
    return Map.of();
  }

  /** Whether Spark shows its console progress bar (only where a person watches a long run). */
  boolean progressBar() {
    return false;
  }

  /** The session, built on first use as {@code loglake-<command>}. */
  final SparkSession spark() {
    if (session == null) {
      boolean running = SparkSession.getDefaultSession().isDefined();
      Map<String, String> conf = sparkConf();
      if (!running && !sessionDefaults().isEmpty()) {
        Map<String, String> merged = new LinkedHashMap<>(sessionDefaults());
        merged.putAll(conf);
        conf = merged;
      }
      session =
          SparkSessionFactory.create(
              "loglake-" + spec.name(), master(), home(), progressBar(), conf);
      ownSession = !running;
    }
    return session;
  }

  /** {@code $LOGLAKE_HOME}, read once. */
  final LoglakeHome home() {
    if (home == null) {
      home = LoglakeHome.fromEnvironment();
    }
    return home;
  }

  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A usage error (exit 2, with the usage) saying {@code message}. */
  final CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
