package io.loglake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real headless browser for tests: Debian's chromium driven through Debian's chromedriver with
 * the W3C WebDriver protocol (our own small client, {@link WebDriverClient}; no Selenium, whose
 * Guava would replace Hive's on the test classpath). Everything runs on 127.0.0.1 and nothing is
 * downloaded. Each instance is one chromedriver, one browser session and a temporary profile;
 * {@link #close} ends them all, and a JVM shutdown hook does so for an instance never closed.
 *
 * <p>Paths: {@code /usr/bin/chromedriver} and {@code /usr/bin/chromium}, overridden by the system
 * properties {@value #DRIVER_PROPERTY} and {@value #CHROMIUM_PROPERTY} or the environment variables
 * {@code LOGLAKE_TEST_CHROMEDRIVER} and {@code LOGLAKE_TEST_CHROMIUM}. When either is missing,
 * {@link #start} throws (the test fails, it is never skipped) saying how to install them.
 *
 * <p>Waits ({@link #waitFor}, {@link #waitUntil}) poll until a bound and then fail with an {@link
 * AssertionError} naming what was awaited and a screenshot of the page under {@link #SCREENSHOTS}
 * ({@code wait-failed-*.png}); driver errors are {@link WebDriverException}s carrying the W3C error
 * code.
 */
public final class Browser implements AutoCloseable {
  public static final String DRIVER_PROPERTY = "loglake.test.chromedriver";
  public static final String CHROMIUM_PROPERTY = "loglake.test.chromium";
  public static final String MISSING =
      "chromium and chromium-driver are needed: apt-get install chromium chromium-driver"
          + " (.ci/run installs them)";

  /** The test artifact folder for screenshots, under the build directory. */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /** How long {@link #waitFor(String)} and {@link #waitUntil(String, BooleanSupplier)} wait. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  /** The key of a web element reference in the W3C protocol's JSON. */
  static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration DRIVER_STARTUP = Duration.ofSeconds(30);
  private static final List<String> CHROMIUM_ARGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--window-size=1400,1000");

  /** One entry of the browser's console log (and its network errors, source {@code network}). */
  public record ConsoleMessage(String level, String source, String message) {
    @Override
    public String toString() {
      return level + " [" + source + "] " + message;
    }
  }

  private final ChromeDriverProcess driver;
  private final WebDriverClient client;
  private final Path profile;
  private final String marker;
  private final Thread shutdownHook;
  private final List<ConsoleMessage> console = new ArrayList<>();
  private volatile long browserPid;
  private String session;
  private String browserVersion = "";
  private String driverVersion = "";
  private boolean closed;

  private Browser(ChromeDriverProcess driver, Path profile) {
    this.driver = driver;
    this.client = new WebDriverClient(driver.port());
    this.profile = profile;
    // Every browser process has this folder in its command line (its profile, or the crash
    // database under XDG_CONFIG_HOME), and no process of another Browser has.
    this.marker = profile.toString() + profile.getFileSystem().getSeparator();
    this.shutdownHook = new Thread(() -> driver.stop(browserPid, marker), "browser-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts chromedriver and a headless chromium session with a new, empty profile. */
  public static Browser start() {
    Path driverPath =
        configured(DRIVER_PROPERTY, "LOGLAKE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
    Path chromium = configured(CHROMIUM_PROPERTY, "LOGLAKE_TEST_CHROMIUM", "/usr/bin/chromium");
    List<String> missing =
        Stream.of(driverPath, chromium)
            .filter(path -> !Files.isExecutable(path))
            .map(Path::toString)
            .collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          MISSING + "; not found or not executable: " + String.join(", ", missing));
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("loglake-browser-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the browser's profile folder", e);
    }
    // Chromium puts its crash database and caches under these instead of the user's home.
    Map<String, String> environment =
        Map.of(
            "XDG_CONFIG_HOME", profile.resolve("config").toString(),
            "XDG_CACHE_HOME", profile.resolve("cache").toString());
    Browser browser;
    try {
      browser =
          new Browser(ChromeDriverProcess.start(driverPath, environment, DRIVER_STARTUP), profile);
    } catch (RuntimeException e) {
      deleteQuietly(profile);
      throw e;
    }
    try {
      browser.createSession(chromium);
    } catch (RuntimeException e) {
      try {
        browser.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return browser;
  }

  private static Path configured(String property, String variable, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return Path.of(value == null || value.isBlank() ? fallback : value);
  }

  private void createSession(Path chromium) {
    List<String> args = new ArrayList<>(CHROMIUM_ARGS);
    args.add("--user-data-dir=" + profile.resolve("user-data"));
    Map<String, Object> capabilities = new LinkedHashMap<>();
    capabilities.put("browserName", "chrome");
    capabilities.put("pageLoadStrategy", "normal");
    capabilities.put("timeouts", Map.of("implicit", 0, "pageLoad", 30_000, "script", 30_000));
    capabilities.put("goog:chromeOptions", Map.of("binary", chromium.toString(), "args", args));
    capabilities.put("goog:loggingPrefs", Map.of("browser", "ALL"));
    JsonNode created =
        client.post("/session", Map.of("capabilities", Map.of("alwaysMatch", capabilities)));
    session = created.path("sessionId").asText();
    JsonNode answered = created.path("capabilities");
    browserPid = answered.path("goog:processID").asLong(-1);
    browserVersion = answered.path("browserVersion").asText();
    driverVersion = answered.path("chrome").path("chromedriverVersion").asText();
  }

  JsonNode get(String command) {
    return client.get("/session/" + session + command);
  }

  JsonNode post(String command, Object body) {
    return client.post("/session/" + session + command, body);
  }

  /** Loads {@code url} and waits for its load event; the console log starts afresh. */
  public void open(String url) {
    readConsole();
    console.clear();
    post("/url", Map.of("url", url));
  }

  /** The first element matching the CSS selector; a {@code no such element} error if none. */
  public BrowserElement find(String css) {
    return new BrowserElement(this, post("/element", BrowserElement.css(css)));
  }

  /** Every element matching the CSS selector, in document order (none: an empty list). */
  public List<BrowserElement> findAll(String css) {
    return BrowserElement.list(this, post("/elements", BrowserElement.css(css)));
  }

  /** The first element matching {@code css} once there is one, within {@link #WAIT}. */
  public BrowserElement waitFor(String css) {
    return waitFor(css, WAIT);
  }

  /** The first element matching {@code css} once there is one, polling up to {@code timeout}. */
  public BrowserElement waitFor(String css, Duration timeout) {
    List<BrowserElement> found = new ArrayList<>();
    waitUntil(
        "an element matching '" + css + "'",
        timeout,
        () -> {
          found.addAll(findAll(css));
          return !found.isEmpty();
        });
    return found.get(0);
  }

  /** Returns once {@code condition} holds, polling it up to {@link #WAIT}. */
  public void waitUntil(String what, BooleanSupplier condition) {
    waitUntil(what, WAIT, condition);
  }

  /**
   * Returns once {@code condition} holds, polling it up to {@code timeout}; then fails naming
   * {@code what} and the page's URL.
   */
  public void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Waited "
                + timeout.toMillis()
                + " ms for "
                + what
                + " on "
                + currentUrl()
                + failureShot());
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      }
    }
  }

  /** A screenshot of the page a wait gave up on, for the failure message ("" if none could be). */
  private String failureShot() {
    try {
      return "; the page then: " + screenshot("wait-failed-" + System.currentTimeMillis());
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * Runs {@code script} as a function body in the page ({@code arguments[i]} are {@code args}, a
   * {@link BrowserElement} passed as the element) and returns its {@code return} value as JSON (an
   * element returned is a reference object); a thrown error is a {@code javascript error}.
   */
  public JsonNode executeScript(String script, Object... args) {
    List<Object> encoded = new ArrayList<>();
    for (Object arg : args) {
      encoded.add(arg instanceof BrowserElement e ? e.reference() : arg);
    }
    return post("/execute/sync", Map.of("script", script, "args", encoded));
  }

  public String currentUrl() {
    return get("/url").asText();
  }

  public String title() {
    return get("/title").asText();
  }

  /** The page's DOM serialised as HTML, as it is now (not the bytes the server sent). */
  public String pageSource() {
    return get("/source").asText();
  }

  /** Everything the browser logged since the last {@link #open}, every level. */
  public List<ConsoleMessage> consoleMessages() {
    readConsole();
    return List.copyOf(console);
  }

  /**
   * The browser log's SEVERE entries since the last {@link #open}: {@code console.error} calls,
   * uncaught exceptions and failed resource loads (a missing favicon among them: a page under test
   * declares one, e.g. {@code <link rel="icon" href="data:,">}).
   */
  public List<ConsoleMessage> consoleErrors() {
    return consoleMessages().stream()
        .filter(message -> message.level().equals("SEVERE"))
        .collect(Collectors.toList());
  }

  /** Chromedriver hands each log entry out once; they are kept here until the next page. */
  private void readConsole() {
    for (JsonNode entry : post("/se/log", Map.of("type", "browser"))) {
      console.add(
          new ConsoleMessage(
              entry.path("level").asText(),
              entry.path("source").asText(),
              entry.path("message").asText()));
    }
  }

  /** Writes the viewport as a PNG to {@code file} (folders created) and returns it. */
  public Path screenshot(Path file) {
    byte[] png = Base64.getDecoder().decode(get("/screenshot").asText());
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the screenshot " + file, e);
    }
    return file;
  }

  /** Writes the viewport to {@link #SCREENSHOTS}{@code /name.png}, the test artifact folder. */
  public Path screenshot(String name) {
    return screenshot(SCREENSHOTS.resolve(name + ".png"));
  }

  public String browserVersion() {
    return browserVersion;
  }

  public String driverVersion() {
    return driverVersion;
  }

  /** The live chromedriver and browser processes of this instance (none once closed). */
  public List<ProcessHandle> processes() {
    return driver.processes(browserPid, marker);
  }

  /** The chromedriver process itself. */
  public ProcessHandle driverProcess() {
    return driver.handle();
  }

  /**
   * Ends the session, chromedriver and every browser process (even when the driver no longer
   * answers or died), then deletes the profile; throws if a process survived.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (session != null && driver.handle().isAlive()) {
      try {
        client.delete("/session/" + session);
      } catch (RuntimeException e) {
        // The driver or browser is broken; the processes are ended below all the same.
      }
    }
    List<ProcessHandle> left = driver.stop(browserPid, marker);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs (and finds nothing left).
    }
    deleteQuietly(profile);
    if (!left.isEmpty()) {
      throw new IllegalStateException(
          "Cannot stop the browser: processes still alive: "
              + left.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(", ")));
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A temporary folder; what is left there harms no later run.
    }
  }
}
