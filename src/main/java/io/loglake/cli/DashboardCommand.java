package io.loglake.cli;

import io.loglake.dashboard.CuratedData;
import io.loglake.dashboard.DashboardServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.util.ShutdownHookManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loglake dashboard}: serves the error dashboard over HTTP until Ctrl-C or SIGTERM, then
 * exits 0. Loopback only unless {@code --bind} says otherwise; there is no authentication.
 *
 * <p>As {@code stream}: a Hadoop shutdown hook that runs before Spark's stops the server (so no
 * request runs on a stopped SparkContext), and a last hook ends the process with status 0.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description =
        "Serve the error dashboard (WARN/ERROR per service over time, top error messages, latest"
            + " events, data quality) over the curated table and the run reports, until Ctrl-C.")
public final class DashboardCommand extends SparkCommand {
  @Mixin SparkOptions sparkOptions;

  @Mixin DashboardOptions dataOptions;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "The port to serve (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "The address to serve on (default: ${DEFAULT-VALUE}, this machine only). 0.0.0.0 serves"
              + " other machines too, with no authentication.")
  String bind;

  @Option(
      names = "--refresh",
      defaultValue = "10s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How often the page reloads itself (default: ${DEFAULT-VALUE}; 0: never).")
  Duration refresh;

  @Override
  String master() {
    return sparkOptions.master();
  }

  @Override
  Map<String, String> sessionDefaults() {
    return DashboardOptions.SESSION;
  }

  @Override
  int execute() {
    if (port < 0 || port > 65535) {
      throw usage("--port must be 0 to 65535, got " + port);
    }
    if (!refresh.isZero() && refresh.compareTo(Duration.ofSeconds(1)) < 0) {
      throw usage("--refresh must be 0 or at least 1s, got " + refresh.toMillis() + " ms");
    }
    CuratedData curated = dataOptions.curatedData(home(), this::usage);
    List<String> reports = dataOptions.reportFolders(home());
    AtomicBoolean stopped = new AtomicBoolean();
    CountDownLatch stop = new CountDownLatch(1);
    try (DashboardServer server =
        DashboardServer.start(spark(), curated, reports, bind, port, refresh, Clock.systemUTC())) {
      String where =
          "http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.port() + "/";
      String reach =
          isLoopback(bind)
              ? "loopback only; --bind 0.0.0.0 serves other machines, with no authentication"
              : "served to other machines, with no authentication";
      out().println("Dashboard on " + where + " (" + reach + ")");
      out()
          .println(
              "  data: "
                  + curated.path()
                  + " ("
                  + curated.format().text()
                  + "); reports: "
                  + String.join(", ", reports));
      out().println("  Ctrl-C stops it.");
      out().flush();
      return serveUntilStopped(server, stop, stopped);
    }
  }

  /** Blocks until Ctrl-C or SIGTERM; the exit status is then 0. */
  private int serveUntilStopped(
      DashboardServer server, CountDownLatch stop, AtomicBoolean stopped) {
    Runnable onSignal =
        () -> {
          server.close();
          stopped.set(true);
          stop.countDown();
        };
    Runnable exitZero =
        () -> {
          if (stopped.get()) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(Main.EXIT_OK);
          }
        };
    ShutdownHookManager hooks = ShutdownHookManager.get();
    hooks.addShutdownHook(
        onSignal, StreamCommand.SPARK_SHUTDOWN_PRIORITY + 10, 30, TimeUnit.SECONDS);
    hooks.addShutdownHook(exitZero, 0);
    try {
      stop.await();
      return Main.EXIT_OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.EXIT_OK;
    } finally {
      if (!hooks.isShutdownInProgress()) {
        hooks.removeShutdownHook(onSignal);
        hooks.removeShutdownHook(exitZero);
      }
    }
  }

  static boolean isLoopback(String bind) {
    return bind.equals("127.0.0.1")
        || bind.equals("localhost")
        || bind.equals("::1")
        || bind.startsWith("127.");
  }
}
