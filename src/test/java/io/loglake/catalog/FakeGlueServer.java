package io.loglake.catalog;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Glue Data Catalog on 127.0.0.1 speaking the AWS JSON 1.1 protocol ({@code X-Amz-Target:
 * AWSGlue.<Operation>}), enough for the crawler: CreateDatabase, GetTable, CreateTable,
 * GetPartitions (pages of {@link #PAGE_SIZE}; EntityNotFoundException for a table it does not hold,
 * as Glue answers) and BatchCreatePartition (rejecting more than 100 partitions, as Glue does).
 * Partitions can be made to fail, or to exist without being listed (as when another crawler adds
 * them between the listing and the batch). Records the calls it gets.
 */
final class FakeGlueServer implements AutoCloseable {
  static final int PAGE_SIZE = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  final Set<String> databases = Collections.synchronizedSet(new HashSet<>());
  final Map<String, JsonNode> tables = Collections.synchronizedMap(new LinkedHashMap<>());
  final Map<String, List<List<String>>> partitions =
      Collections.synchronizedMap(new LinkedHashMap<>());
  final Map<String, JsonNode> partitionInputs = Collections.synchronizedMap(new LinkedHashMap<>());

  /** Partitions that exist but GetPartitions does not return. */
  final Set<List<String>> unlisted = Collections.synchronizedSet(new HashSet<>());

  /** Partitions BatchCreatePartition refuses with an InternalServiceException. */
  final Set<List<String>> failing = Collections.synchronizedSet(new HashSet<>());

  /** When set, every BatchCreatePartition call fails as a whole with this error type. */
  volatile String rejectBatchesWith;

  final List<String> operations = Collections.synchronizedList(new ArrayList<>());
  final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

  FakeGlueServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      if (target == null
          || !target.startsWith("AWSGlue.")
          || !"application/x-amz-json-1.1".equals(contentType)) {
        respond(exchange, 400, error("UnrecognizedClientException", "not a Glue JSON 1.1 request"));
        return;
      }
      String operation = target.substring("AWSGlue.".length());
      operations.add(operation);
      switch (operation) {
        case "CreateDatabase" -> {
          String name = request.path("DatabaseInput").path("Name").asText();
          if (!databases.add(name)) {
            respond(exchange, 400, error("AlreadyExistsException", "Database already exists."));
          } else {
            respond(exchange, 200, JSON.createObjectNode());
          }
        }
        case "GetTable" -> {
          JsonNode table =
              tables.get(
                  request.path("DatabaseName").asText() + "." + request.path("Name").asText());
          if (table == null) {
            respond(exchange, 400, error("EntityNotFoundException", "Table not found"));
          } else {
            ObjectNode body = JSON.createObjectNode();
            body.set("Table", table);
            respond(exchange, 200, body);
          }
        }
        case "CreateTable" -> {
          String db = request.path("DatabaseName").asText();
          String key = db + "." + request.path("TableInput").path("Name").asText();
          if (!databases.contains(db)) {
            respond(exchange, 400, error("EntityNotFoundException", "Database not found"));
          } else if (tables.putIfAbsent(
                  key, ((ObjectNode) request.get("TableInput").deepCopy()).put("DatabaseName", db))
              != null) {
            respond(exchange, 400, error("AlreadyExistsException", "Table already exists."));
          } else {
            partitions.put(key, Collections.synchronizedList(new ArrayList<>()));
            respond(exchange, 200, JSON.createObjectNode());
          }
        }
        case "GetPartitions" -> {
          String key =
              request.path("DatabaseName").asText() + "." + request.path("TableName").asText();
          if (!tables.containsKey(key)) {
            respond(exchange, 400, error("EntityNotFoundException", "Table not found"));
            return;
          }
          List<List<String>> listed = new ArrayList<>(partitions.getOrDefault(key, List.of()));
          listed.removeAll(unlisted);
          int from =
              request.hasNonNull("NextToken")
                  ? Integer.parseInt(request.get("NextToken").asText())
                  : 0;
          int to = Math.min(listed.size(), from + PAGE_SIZE);
          ObjectNode body = JSON.createObjectNode();
          ArrayNode page = body.putArray("Partitions");
          for (List<String> values : listed.subList(from, to)) {
            ObjectNode partition = page.addObject();
            values.forEach(partition.putArray("Values")::add);
          }
          if (to < listed.size()) {
            body.put("NextToken", Integer.toString(to));
          }
          respond(exchange, 200, body);
        }
        case "BatchCreatePartition" -> batchCreate(exchange, request);
        default ->
            respond(exchange, 400, error("InvalidInputException", "unsupported: " + operation));
      }
    }
  }

  private void batchCreate(HttpExchange exchange, JsonNode request) throws IOException {
    String key = request.path("DatabaseName").asText() + "." + request.path("TableName").asText();
    JsonNode inputs = request.path("PartitionInputList");
    batchSizes.add(inputs.size());
    if (rejectBatchesWith != null) {
      respond(exchange, 400, error(rejectBatchesWith, "rejected (test)"));
      return;
    }
    if (inputs.size() > 100) {
      respond(exchange, 400, error("ValidationException", "PartitionInputList: at most 100"));
      return;
    }
    List<List<String>> existing = partitions.get(key);
    if (existing == null) {
      respond(exchange, 400, error("EntityNotFoundException", "Table not found"));
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode errors = body.putArray("Errors");
    for (JsonNode input : inputs) {
      List<String> values = new ArrayList<>();
      input.path("Values").forEach(v -> values.add(v.asText()));
      String code =
          failing.contains(values)
              ? "InternalServiceException"
              : existing.contains(values) || unlisted.contains(values)
                  ? "AlreadyExistsException"
                  : null;
      if (code == null) {
        existing.add(values);
        partitionInputs.put(key + "/" + String.join("/", values), input);
        continue;
      }
      ObjectNode partitionError = errors.addObject();
      values.forEach(partitionError.putArray("PartitionValues")::add);
      partitionError
          .putObject("ErrorDetail")
          .put("ErrorCode", code)
          .put("ErrorMessage", code + " (test)");
    }
    respond(exchange, 200, body);
  }

  private static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message);
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    if (status != 200) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", body.path("__type").asText());
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
