package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.loglake.LoglakeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * {@link S3RawObjectStore}'s retries and failure classes with the real SDK against an HTTP server on
 * 127.0.0.1 that answers PutObject as each test scripts (5xx, throttling, S3 error codes).
 */
class S3RawObjectStoreIT {
  private static final byte[] OBJECT = "a gzip object's bytes".getBytes(StandardCharsets.UTF_8);

  /** An S3 answer: status, error code (null for success), extra header or null. */
  private record Answer(int status, String code, String header, String headerValue) {
    static Answer ok() {
      return new Answer(200, null, null, null);
    }

    static Answer error(int status, String code) {
      return new Answer(status, code, null, null);
    }
  }

  private HttpServer server;
  private final Deque<Answer> answers = new ArrayDeque<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void credentialsForTheDefaultChain() {
    System.setProperty("aws.accessKeyId", "test-access-key");
    System.setProperty("aws.secretAccessKey", "test-secret-key");
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " md5="
                  + exchange.getRequestHeaders().getFirst("Content-MD5")
                  + " bytes="
                  // Over plain HTTP the SDK signs the payload in aws-chunked framing.
                  + Objects.requireNonNullElse(
                      exchange.getRequestHeaders().getFirst("x-amz-decoded-content-length"),
                      String.valueOf(body.length)));
          Answer answer;
          synchronized (answers) {
            answer = answers.isEmpty() ? Answer.ok() : answers.poll();
          }
          byte[] response = new byte[0];
          if (answer.code() == null) {
            exchange.getResponseHeaders().add("ETag", "\"" + hexMd5(body) + "\"");
          } else {
            response =
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                        + answer.code()
                        + "</Code><Message>scripted "
                        + answer.code()
                        + "</Message></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
          }
          if (answer.header() != null) {
            exchange.getResponseHeaders().add(answer.header(), answer.headerValue());
          }
          exchange.sendResponseHeaders(answer.status(), response.length == 0 ? -1 : response.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void retriesServerErrorsAndCountsTheAttempts() {
    answers.add(Answer.error(500, "InternalError"));
    answers.add(Answer.error(503, "ServiceUnavailable"));
    try (S3RawObjectStore store = store(endpoint(), 3)) {
      assertThat(store.put("2025/11/09/10/x.gz", OBJECT, OBJECT.length)).isEqualTo(3);
    }
    String expectedMd5 = Base64.getEncoder().encodeToString(md5(OBJECT));
    assertThat(requests)
        .hasSize(3)
        .allSatisfy(
            request ->
                assertThat(request)
                    .isEqualTo(
                        "PUT /bucket/raw/2025/11/09/10/x.gz md5="
                            + expectedMd5
                            + " bytes="
                            + OBJECT.length));
  }

  @Test
  void givesUpOnTheObjectAfterTheLastAttempt() {
    for (int i = 0; i < 10; i++) {
      answers.add(Answer.error(503, "SlowDown"));
    }
    try (S3RawObjectStore store = store(endpoint(), 3)) {
      assertThatThrownBy(() -> store.put("k.gz", OBJECT, OBJECT.length))
          .isInstanceOfSatisfying(
              RawObjectStore.ObjectNotWrittenException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.getMessage()).startsWith("SlowDown: scripted SlowDown");
              });
    }
    assertThat(requests).hasSize(3);
  }

  @Test
  void aMissingBucketFailsAtOnceWithAHint() {
    answers.add(Answer.error(404, "NoSuchBucket"));
    try (S3RawObjectStore store = store(endpoint(), 3)) {
      assertThatThrownBy(() -> store.put("k.gz", OBJECT, OBJECT.length))
          .isInstanceOfSatisfying(
              LoglakeException.class,
              e -> {
                assertThat(e.getMessage())
                    .startsWith("Cannot write raw object s3://bucket/raw/k.gz: NoSuchBucket: ");
                assertThat(e.hint()).startsWith("create the bucket (aws s3 mb s3://bucket)");
              });
    }
    assertThat(requests).hasSize(1);
  }

  @Test
  void deniedAccessAndAWrongRegionSayWhatToDo() {
    answers.add(Answer.error(403, "AccessDenied"));
    answers.add(
        new Answer(400, "AuthorizationHeaderMalformed", "x-amz-bucket-region", "eu-west-1"));
    try (S3RawObjectStore store = store(endpoint(), 3)) {
      assertThatThrownBy(() -> store.put("k.gz", OBJECT, OBJECT.length))
          .isInstanceOfSatisfying(
              LoglakeException.class,
              e -> assertThat(e.hint()).contains("allow s3:PutObject on arn:aws:s3:::bucket/raw/*"));
      assertThatThrownBy(() -> store.put("k.gz", OBJECT, OBJECT.length))
          .isInstanceOfSatisfying(
              LoglakeException.class,
              e -> assertThat(e.hint()).isEqualTo("the bucket is in eu-west-1: pass --region eu-west-1"));
    }
    assertThat(requests).hasSize(2);
  }

  @Test
  void aRefusedConnectionIsRetriedThenTheObjectGivenUp() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (S3RawObjectStore store = store(URI.create("http://127.0.0.1:" + closedPort), 2)) {
      assertThatThrownBy(() -> store.put("k.gz", OBJECT, OBJECT.length))
          .isInstanceOfSatisfying(
              RawObjectStore.ObjectNotWrittenException.class,
              e -> assertThat(e.attempts()).isEqualTo(2));
    }
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static S3RawObjectStore store(URI endpoint, int maxAttempts) {
    return new S3RawObjectStore("bucket", "raw/", Region.US_EAST_1, endpoint, true, maxAttempts);
  }

  private static byte[] md5(byte[] data) {
    try {
      return MessageDigest.getInstance("MD5").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hexMd5(byte[] data) {
    return HexFormat.of().formatHex(md5(data));
  }
}
