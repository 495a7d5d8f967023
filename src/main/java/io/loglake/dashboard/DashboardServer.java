package io.loglake.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loglake.LoglakeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard over HTTP (JDK {@code com.sun.net.httpserver}): {@code GET /} is the page, its
 * query string the latest events' filter ({@link LogFilter}); a bad parameter is a 400 page naming
 * it, a failure to read the data a 503 page saying why; any other path is a 404. Requests are
 * served one at a time (each is a few Spark queries on a shared session), so a burst of reloads
 * queues rather than piling up jobs.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private DashboardServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on {@code bind}:{@code port} (0: any free port); throws {@link LoglakeException}
   * when the port is taken.
   */
  public static DashboardServer start(
      SparkSession spark,
      CuratedData curated,
      List<String> reportFolders,
      String bind,
      int port,
      Duration refresh,
      Clock clock) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    } catch (BindException e) {
      throw new LoglakeException(
          "Cannot serve the dashboard on " + bind + ":" + port + ": " + e.getMessage(),
          "another program uses the port: stop it, or pick another with --port",
          e);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot serve the dashboard on " + bind + ":" + port + ": " + e.getMessage(),
          "check --bind (an address of this machine) and --port",
          e);
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "loglake-dashboard");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try {
            handle(exchange, spark, curated, reportFolders, refresh, clock);
          } catch (Exception | Error e) {
            // Exception, not only RuntimeException: Spark throws its AnalysisException, a
            // checked exception, from methods that do not declare it.
            LOG.error("Cannot answer {}", exchange.getRequestURI(), e);
            if (exchange.getResponseCode() < 0) {
              try {
                send(exchange, 500, DashboardPage.failure("Cannot answer: " + e), refresh);
              } catch (IOException | RuntimeException ignored) {
                // The client is gone; the failure is logged above.
              }
            }
          } finally {
            exchange.close();
          }
        });
    server.start();
    return new DashboardServer(server, executor);
  }

  private static void handle(
      HttpExchange exchange,
      SparkSession spark,
      CuratedData curated,
      List<String> reportFolders,
      Duration refresh,
      Clock clock)
      throws IOException {
    String method = exchange.getRequestMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      send(exchange, 405, DashboardPage.failure("Only GET is served"), refresh);
      return;
    }
    if (!"/".equals(exchange.getRequestURI().getPath())) {
      send(exchange, 404, DashboardPage.failure("No page here: the dashboard is at /"), refresh);
      return;
    }
    LogFilter filter;
    try {
      filter = LogFilter.parse(exchange.getRequestURI().getRawQuery());
    } catch (LogFilter.BadParameter bad) {
      send(exchange, 400, DashboardPage.badRequest(bad), refresh);
      return;
    }
    String page;
    try {
      page =
          DashboardPage.live(
              DashboardView.load(spark, curated, reportFolders, filter, clock.instant()), refresh);
    } catch (Exception e) {
      // Spark's AnalysisException is checked but thrown undeclared.
      LOG.warn("Cannot read the dashboard's data", e);
      send(
          exchange,
          503,
          DashboardPage.failure(e.getMessage() == null ? e.toString() : e.getMessage()),
          refresh);
      return;
    }
    send(exchange, 200, page, refresh);
  }

  private static void send(HttpExchange exchange, int status, String html, Duration refresh)
      throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange
        .getResponseHeaders()
        .set("Content-Security-Policy", DashboardPage.contentSecurityPolicy(refresh));
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The port served (the one chosen when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving: requests under way get up to a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
