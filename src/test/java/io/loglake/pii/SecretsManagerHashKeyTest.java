package io.loglake.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loglake.LoglakeException;
import io.loglake.config.AwsEndpoints;
import io.loglake.testing.ClosedPort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real SDK client against a Secrets Manager on 127.0.0.1 speaking its protocol (AWS JSON 1.1:
 * {@code POST /}, {@code X-Amz-Target: secretsmanager.GetSecretValue}, errors as {@code __type}).
 */
class SecretsManagerHashKeyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_ID = "loglake/hash-key";
  private static final String KEY = "a-secret-hash-key-from-secrets-manager";

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));

  private final List<String> targets = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    targets.add(exchange.getRequestMethod() + " " + target);
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    String secretId = request.path("SecretId").asText();
    if (!"secretsmanager.GetSecretValue".equals(target)) {
      respond(exchange, 400, Map.of("__type", "InvalidRequestException", "message", "target"));
    } else if (secretId.equals(SECRET_ID)) {
      respond(
          exchange,
          200,
          Map.of(
              "ARN",
              "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + SECRET_ID + "-AbCdEf",
              "Name",
              SECRET_ID,
              "SecretString",
              KEY,
              "VersionId",
              "v1",
              "VersionStages",
              List.of("AWSCURRENT")));
    } else if (secretId.equals("binary-only")) {
      respond(exchange, 200, Map.of("Name", secretId, "SecretBinary", "AAEC"));
    } else {
      respond(
          exchange,
          400,
          Map.of(
              "__type",
              "ResourceNotFoundException",
              "Message",
              "Secrets Manager can't find the specified secret."));
    }
  }

  private static void respond(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private SecretsManagerHashKey secret(String id, int port) {
    AwsEndpoints endpoints =
        new AwsEndpoints(
            Map.of(
                "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                "http://127.0.0.1:" + port,
                "AWS_REGION",
                "us-east-1"));
    return new SecretsManagerHashKey(id, endpoints, CREDENTIALS);
  }

  @Test
  void readsTheSecretStringThroughGetSecretValue() {
    byte[] key = secret(SECRET_ID, server.getAddress().getPort()).read();

    assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(KEY);
    assertThat(targets).containsExactly("POST secretsmanager.GetSecretValue");
  }

  @Test
  void aMissingSecretFailsNamingIt() {
    assertThatThrownBy(() -> secret("no/such/secret", server.getAddress().getPort()).read())
        .isInstanceOf(LoglakeException.class)
        .hasMessage("Cannot read the hash key: Secrets Manager has no secret no/such/secret")
        .satisfies(
            e ->
                assertThat(((LoglakeException) e).hint())
                    .contains("secretsmanager:GetSecretValue", "nothing was written"));
  }

  @Test
  void aSecretWithoutTextFails() {
    assertThatThrownBy(() -> secret("binary-only", server.getAddress().getPort()).read())
        .isInstanceOf(LoglakeException.class)
        .hasMessage(
            "Cannot read the hash key: Secrets Manager secret binary-only has no SecretString");
  }

  @Test
  void anUnreachableSecretsManagerFails() {
    try (ClosedPort closed = new ClosedPort()) {
      assertThatThrownBy(() -> secret(SECRET_ID, closed.port()).read())
          .isInstanceOf(LoglakeException.class)
          .hasMessageStartingWith(
              "Cannot read the hash key from Secrets Manager secret " + SECRET_ID + ": ");
    }
  }
}
