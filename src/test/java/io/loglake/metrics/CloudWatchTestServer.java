package io.loglake.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A CloudWatch endpoint on 127.0.0.1 for {@code PutMetricData} in the protocol the AWS SDK v2
 * client (2.57) speaks: Smithy RPC v2 CBOR ({@code POST
 * /service/GraniteServiceVersion20100801/operation/PutMetricData}, header {@code smithy-protocol:
 * rpc-v2-cbor}, a CBOR body, gzip-encoded when large), query-compatible errors ({@code
 * x-amzn-query-error: Code;Sender}). Each call is answered by the next scripted {@link Answer},
 * then by the default one; every well-formed call is kept, decoded, whatever its answer. A request
 * that is not a well-formed PutMetricData gets HTTP 400 and is counted in {@link #protocolErrors}.
 */
final class CloudWatchTestServer implements AutoCloseable {
  static final String PATH = "/service/GraniteServiceVersion20100801/operation/PutMetricData";

  /** How one call is answered. */
  enum Answer {
    /** HTTP 200, an empty CBOR map: what CloudWatch answers a PutMetricData it took. */
    ACCEPT,
    /** HTTP 400, code {@code Throttling} ("Rate exceeded"): retried by the SDK. */
    THROTTLE,
    /** HTTP 500 {@code InternalFailure}. */
    INTERNAL_ERROR
  }

  /** One call as received: its headers (names lower case) and its decoded body. */
  record Call(Map<String, String> headers, Map<String, Object> body) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> metricData() {
      return (List<Map<String, Object>>) body.get("MetricData");
    }
  }

  private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());
  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Call> calls = new ArrayList<>();
  private Answer defaultAnswer = Answer.ACCEPT;
  private int protocolErrors;

  CloudWatchTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next calls with {@code answers}, in order, then with the default. */
  synchronized void script(Answer... answers) {
    script.addAll(List.of(answers));
  }

  synchronized void answerAllWith(Answer answer) {
    defaultAnswer = answer;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized int protocolErrors() {
    return protocolErrors;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, Object> decoded = decode(exchange, headers, body);
      Answer answer;
      synchronized (this) {
        if (decoded == null) {
          protocolErrors++;
          respondError(exchange, 400, "SerializationException", "not a PutMetricData request");
          return;
        }
        calls.add(new Call(headers, decoded));
        answer = script.isEmpty() ? defaultAnswer : script.poll();
      }
      switch (answer) {
        case ACCEPT -> respond(exchange, 200, cbor.writeValueAsBytes(Map.of()));
        case THROTTLE -> respondError(exchange, 400, "Throttling", "Rate exceeded");
        case INTERNAL_ERROR -> respondError(exchange, 500, "InternalFailure", "internal failure");
      }
    }
  }

  /** The body as a map, or null when the call is not a well-formed RPC v2 CBOR PutMetricData. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> decode(
      HttpExchange exchange, Map<String, String> headers, byte[] body) {
    if (!exchange.getRequestMethod().equals("POST")
        || !exchange.getRequestURI().getPath().equals(PATH)
        || !"rpc-v2-cbor".equals(headers.get("smithy-protocol"))
        || !"application/cbor".equals(headers.get("content-type"))) {
      return null;
    }
    try {
      InputStream in = new ByteArrayInputStream(body);
      if ("gzip".equals(headers.get("content-encoding"))) {
        in = new GZIPInputStream(in);
      }
      Map<String, Object> decoded = cbor.readValue(in, Map.class);
      return decoded.get("Namespace") instanceof String && decoded.get("MetricData") instanceof List
          ? decoded
          : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** An error as CloudWatch's query-compatible RPC v2 CBOR protocol sends it. */
  private void respondError(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    exchange.getResponseHeaders().add("x-amzn-query-error", code + ";Sender");
    respond(exchange, status, cbor.writeValueAsBytes(Map.of("__type", code, "message", message)));
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
    exchange.getResponseHeaders().add("Content-Type", "application/cbor");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
