package io.loglake.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Browser} against pages served on 127.0.0.1 by the JDK's HTTP server. */
class BrowserIT {
  /** No favicon request (whose 404 the browser would log as an error), UTF-8. */
  private static final String HEAD =
      "<!doctype html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">";

  private static final Map<String, String> PAGES =
      Map.of(
          "/clean",
          HEAD
              + "<title>clean</title></head><body>"
              + "<p id=\"status\">waiting</p>"
              + "<button id=\"go\" onclick=\"document.getElementById('status').textContent ="
              + " 'clicked ' + (++window.clicks)\">Go</button>"
              + "<script>window.clicks = 0; console.log('just information');</script>"
              + "</body></html>",
          "/broken",
          HEAD
              + "<title>broken</title></head><body><p>broken</p>"
              + "<script>console.error('chart failed: ' + (40 + 2));</script>"
              + "<script>window.undefinedChart.draw();</script></body></html>",
          "/form",
          HEAD
              + "<title>form</title></head><body>"
              + "<form id=\"filters\" action=\"/search\" method=\"get\">"
              + "<input id=\"q\" name=\"q\" type=\"text\">"
              + "<select id=\"level\" name=\"level\">"
              + "<option value=\"\">any</option><option value=\"WARN\">warnings</option>"
              + "<option value=\"ERROR\">errors</option></select>"
              + "<button type=\"submit\">Filter</button></form></body></html>",
          "/search",
          HEAD + "<title>results</title></head><body><p id=\"results\">results</p></body></html>",
          "/red",
          HEAD
              + "<title>red</title><style>html, body { margin: 0; background: rgb(255, 0, 0); }"
              + "</style></head><body></body></html>");

  private static HttpServer server;
  private static Browser browser;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String page = PAGES.get(exchange.getRequestURI().getPath());
          byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      server.stop(0);
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void aCleanPageLogsNoErrorAndAConsoleErrorIsSeen() {
    browser.open(url("/clean"));
    assertThat(browser.title()).isEqualTo("clean");
    assertThat(browser.consoleErrors()).isEmpty();
    assertThat(browser.consoleMessages())
        .extracting(Browser.ConsoleMessage::message)
        .anySatisfy(message -> assertThat(message).contains("just information"));

    browser.open(url("/broken"));
    assertThat(browser.consoleErrors())
        .hasSize(2)
        .anySatisfy(
            error -> {
              assertThat(error.source()).isEqualTo("console-api");
              assertThat(error.message()).contains("chart failed: 42");
            })
        .anySatisfy(
            uncaught -> {
              assertThat(uncaught.source()).isEqualTo("javascript");
              assertThat(uncaught.message()).contains("Uncaught TypeError");
            });

    browser.open(url("/clean"));
    assertThat(browser.consoleErrors()).as("the previous page's errors are gone").isEmpty();
  }

  @Test
  void aClickChangesTheDocument() {
    browser.open(url("/clean"));
    BrowserElement status = browser.waitFor("#status");
    assertThat(status.text()).isEqualTo("waiting");

    browser.find("#go").click();
    browser.find("#go").click();

    assertThat(status.text()).isEqualTo("clicked 2");
    assertThat(browser.executeScript("return window.clicks;").asInt()).isEqualTo(2);
    assertThat(browser.pageSource()).contains("clicked 2");
  }

  @Test
  void typingSelectingAndSubmittingPutTheFormIntoTheQuery() {
    String typed = "disk full; 'quoted' & <b>";
    browser.open(url("/form"));
    browser.find("#q").type(typed);
    browser.find("#level").select("errors");
    assertThat(browser.find("#q").value()).isEqualTo(typed);
    assertThat(browser.find("#level").value()).isEqualTo("ERROR");

    browser.find("#q").submit();
    browser.waitFor("#results");

    // A GET form encodes its fields as application/x-www-form-urlencoded, as URLEncoder does.
    URI now = URI.create(browser.currentUrl());
    assertThat(now.getPath()).isEqualTo("/search");
    assertThat(now.getRawQuery())
        .isEqualTo("q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8) + "&level=ERROR");
  }

  @Test
  void pressingEnterSubmitsToo() {
    browser.open(url("/form"));
    browser.find("#q").type("timeout" + BrowserElement.ENTER);
    browser.waitFor("#results");
    assertThat(URI.create(browser.currentUrl()).getRawQuery()).isEqualTo("q=timeout&level=");
  }

  @Test
  void aScreenshotIsAPngOfThePage() throws IOException {
    browser.open(url("/red"));
    Path file = browser.screenshot("browser-it-red");

    assertThat(file).isEqualTo(Path.of("target", "screenshots", "browser-it-red.png"));
    byte[] bytes = Files.readAllBytes(file);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    assertThat(Arrays.copyOf(bytes, signature.length)).isEqualTo(signature);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).isNotNull();
    int width =
        browser.executeScript("return window.innerWidth * window.devicePixelRatio;").asInt();
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getRGB(image.getWidth() / 2, image.getHeight() / 2) & 0xffffff)
        .as("the page's red background")
        .isEqualTo(0xff0000);
  }

  @Test
  void aWaitThatGivesUpSaysWhatItAwaitedAndKeepsAScreenshot() {
    browser.open(url("/clean"));
    assertThatThrownBy(() -> browser.waitFor("#never", Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("an element matching '#never'")
        .hasMessageContaining(url("/clean"))
        .satisfies(
            e -> {
              String shot = e.getMessage().replaceAll(".*the page then: ", "");
              assertThat(Path.of(shot)).startsWith(Browser.SCREENSHOTS).isRegularFile();
            });
  }

  @Test
  void driverErrorsCarryTheW3cCode() {
    browser.open(url("/clean"));
    assertThatThrownBy(() -> browser.find("#absent"))
        .isInstanceOfSatisfying(
            WebDriverException.class, e -> assertThat(e.error()).isEqualTo("no such element"));
    assertThatThrownBy(() -> browser.executeScript("throw new Error('from the page');"))
        .isInstanceOfSatisfying(
            WebDriverException.class,
            e -> {
              assertThat(e.error()).isEqualTo("javascript error");
              assertThat(e.getMessage()).contains("from the page");
            });
    assertThatThrownBy(() -> browser.find("#go").select("x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeEndsEveryProcessEvenWhenTheDriverDied() {
    Browser crashed = Browser.start();
    List<ProcessHandle> running;
    try {
      crashed.open(url("/clean"));
      // Seen here with the JDK alone, not through the fixture's own search.
      running = crashed.driverProcess().descendants().collect(Collectors.toList());
      assertThat(running)
          .anySatisfy(p -> assertThat(p.info().command().orElse("")).endsWith("/chromium"));
      // As when chromedriver crashes: the browser it started is left running, orphaned.
      ProcessHandle driver = crashed.driverProcess();
      driver.destroyForcibly();
      driver.onExit().join();
    } finally {
      crashed.close();
    }
    assertThat(running).noneMatch(ProcessHandle::isAlive);
    assertThat(crashed.processes()).isEmpty();
  }
}
