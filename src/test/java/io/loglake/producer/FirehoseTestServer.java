package io.loglake.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * A Kinesis Data Firehose endpoint on 127.0.0.1 speaking the service's JSON protocol ({@code
 * X-Amz-Target: Firehose_20150804.PutRecordBatch}, {@code application/x-amz-json-1.1}) for
 * PutRecordBatch only. Each call is answered by the next scripted {@link Answer}, then by the
 * default one; the records it accepts are kept in arrival order. A request that is not a
 * well-formed PutRecordBatch gets HTTP 400 and is counted in {@link #protocolErrors}.
 */
public final class FirehoseTestServer implements AutoCloseable {
  static final String TARGET = "Firehose_20150804.PutRecordBatch";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  /** How one call is answered. */
  public enum Answer {
    /** Every record accepted. */
    ACCEPT,
    /** HTTP 200 with about a third of the entries rejected ({@code FailedPutCount} > 0). */
    PARTIAL_FAILURE,
    /** HTTP 200 with every entry rejected as throttled. */
    ENTRIES_THROTTLED,
    /** HTTP 503 ServiceUnavailableException for the whole call (throughput exceeded). */
    THROTTLE_CALL,
    /** The connection closed without an answer. */
    DROP_CONNECTION,
    /** HTTP 400 ResourceNotFoundException. */
    STREAM_NOT_FOUND
  }

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final Random random = new Random(7);
  private Answer defaultAnswer = Answer.ACCEPT;

  private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> batchBytes = Collections.synchronizedList(new ArrayList<>());
  private final List<String> streams = Collections.synchronizedList(new ArrayList<>());
  private int calls;
  private int protocolErrors;

  public FirehoseTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public synchronized FirehoseTestServer answer(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  public synchronized FirehoseTestServer otherwise(Answer answer) {
    defaultAnswer = answer;
    return this;
  }

  /** The data of every accepted record, decoded, in arrival order. */
  public List<String> accepted() {
    synchronized (accepted) {
      return List.copyOf(accepted);
    }
  }

  /** Records and bytes of each PutRecordBatch call received. */
  public List<Integer> batchSizes() {
    synchronized (batchSizes) {
      return List.copyOf(batchSizes);
    }
  }

  public List<Long> batchBytes() {
    synchronized (batchBytes) {
      return List.copyOf(batchBytes);
    }
  }

  public List<String> streams() {
    synchronized (streams) {
      return List.copyOf(streams);
    }
  }

  public synchronized int calls() {
    return calls;
  }

  public synchronized int protocolErrors() {
    return protocolErrors;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      JsonNode request;
      try {
        request = json.readTree(body);
      } catch (IOException e) {
        request = null;
      }
      if (!"POST".equals(exchange.getRequestMethod())
          || !TARGET.equals(target)
          || contentType == null
          || !contentType.startsWith(CONTENT_TYPE)
          || exchange.getRequestHeaders().getFirst("Authorization") == null
          || request == null
          || !request.path("Records").isArray()) {
        synchronized (this) {
          protocolErrors++;
        }
        error(exchange, 400, "SerializationException", "not a PutRecordBatch request");
        return;
      }
      Answer answer;
      synchronized (this) {
        calls++;
        answer = script.isEmpty() ? defaultAnswer : script.poll();
      }
      List<String> records = new ArrayList<>();
      long bytes = 0;
      for (JsonNode record : request.get("Records")) {
        byte[] data = Base64.getDecoder().decode(record.get("Data").asText());
        bytes += data.length;
        records.add(new String(data, StandardCharsets.UTF_8));
      }
      batchSizes.add(records.size());
      batchBytes.add(bytes);
      streams.add(request.path("DeliveryStreamName").asText());
      switch (answer) {
        case ACCEPT -> respond(exchange, records, 0.0, "none");
        case PARTIAL_FAILURE -> respond(exchange, records, 0.34, "InternalFailure");
        case ENTRIES_THROTTLED -> respond(exchange, records, 1.0, "ServiceUnavailableException");
        case THROTTLE_CALL -> error(exchange, 503, "ServiceUnavailableException", "Slow down.");
        case DROP_CONNECTION -> {
          // No status line: the client sees the connection end without an answer.
        }
        case STREAM_NOT_FOUND ->
            error(
                exchange,
                400,
                "ResourceNotFoundException",
                "Firehose " + request.path("DeliveryStreamName").asText() + " not found.");
      }
    }
  }

  private void respond(HttpExchange exchange, List<String> records, double failure, String code)
      throws IOException {
    ObjectNode response = json.createObjectNode();
    ArrayNode entries = response.putArray("RequestResponses");
    int failed = 0;
    for (String record : records) {
      ObjectNode entry = entries.addObject();
      boolean fails;
      synchronized (random) {
        fails = failure >= 1.0 || random.nextDouble() < failure;
      }
      if (fails) {
        failed++;
        entry.put("ErrorCode", code);
        entry.put(
            "ErrorMessage", code.equals("InternalFailure") ? "Internal failure." : "Slow down.");
      } else {
        accepted.add(record);
        entry.put("RecordId", "id-" + accepted.size());
      }
    }
    response.put("FailedPutCount", failed);
    response.put("Encrypted", false);
    send(exchange, 200, json.writeValueAsBytes(response));
  }

  private void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    ObjectNode error = json.createObjectNode();
    error.put("__type", type);
    error.put("message", message);
    exchange.getResponseHeaders().add("X-Amzn-ErrorType", type);
    send(exchange, status, json.writeValueAsBytes(error));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().add("x-amzn-RequestId", "test-request");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
