package io.loglake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The W3C WebDriver wire protocol over HTTP/1.1 and JSON: a command is a method and a path under
 * the server's root, its body a JSON object, its answer {@code {"value": …}}; an error is a non-2xx
 * status whose value holds {@code error} and {@code message}, thrown as {@link WebDriverException}.
 */
final class WebDriverClient {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Longer than the session's page-load and script timeouts, so the driver answers first. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI root;

  WebDriverClient(int port) {
    this.root = URI.create("http://127.0.0.1:" + port);
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  private JsonNode send(String method, String path, Object body) {
    String command = method + " " + path;
    HttpRequest.BodyPublisher publisher;
    try {
      publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode the body of " + command, e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(root.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .method(method, publisher)
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot send " + command + " to chromedriver at " + root + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during " + command, e);
    }
    JsonNode value;
    try {
      value = JSON.readTree(response.body()).path("value");
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read chromedriver's answer to "
              + command
              + " (HTTP "
              + response.statusCode()
              + "): "
              + response.body(),
          e);
    }
    if (response.statusCode() >= 300) {
      throw new WebDriverException(
          command,
          value.path("error").asText("unknown error"),
          value.path("message").asText(response.body()));
    }
    return value.isMissingNode() ? NullNode.getInstance() : value;
  }
}
