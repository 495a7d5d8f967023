package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.loglake.LoglakeException;
import io.loglake.cli.Main;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.ClosedPort;
import io.loglake.testing.SystemProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/**
 * {@link S3RawObjectStore}'s retries and failure classes with the real SDK against an HTTP server
 * on 127.0.0.1 that answers PutObject as each test scripts (5xx, throttling, S3 error codes, an
 * empty error answer), and {@code loglake produce --sink s3} over it: what it dead-letters and how
 * it exits.
 */
class S3RawObjectStoreIT {
  /** The code under test takes the SDK's default credentials chain; system properties are in it. */
  @RegisterExtension
  static final SystemProperties credentials =
      SystemProperties.awsCredentials("test-access-key", "test-secret-key");

  private static final byte[] OBJECT = "a gzip object's bytes".getBytes(StandardCharsets.UTF_8);

  /** An S3 answer: status, error code (null for success or an empty body), extra header or null. */
  private record Answer(int status, String code, String header, String headerValue) {
    static Answer ok() {
      return new Answer(200, null, null, null);
    }

    static Answer error(int status, String code) {
      return new Answer(status, code, null, null);
    }

    /** An error status with an empty body, as a server that is not S3 may answer. */
    static Answer emptyError(int status) {
      return new Answer(status, null, null, null);
    }
  }

  private static final Instant START = Instant.parse("2025-11-09T10:00:00Z");

  private HttpServer server;
  private final Deque<Answer> answers = new ArrayDeque<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  /** Answers every request once the scripted ones are used up; null for success. */
  private volatile Answer otherwise;

  @TempDir Path temp;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

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
            answer =
                !answers.isEmpty() ? answers.poll() : otherwise != null ? otherwise : Answer.ok();
          }
          byte[] response = new byte[0];
          if (answer.status() < 300) {
            exchange.getResponseHeaders().add("ETag", "\"" + hexMd5(body) + "\"");
          } else if (answer.code() != null) {
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
          exchange.sendResponseHeaders(
              answer.status(), response.length == 0 ? -1 : response.length);
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
              e ->
                  assertThat(e.hint()).contains("allow s3:PutObject on arn:aws:s3:::bucket/raw/*"));
      assertThatThrownBy(() -> store.put("k.gz", OBJECT, OBJECT.length))
          .isInstanceOfSatisfying(
              LoglakeException.class,
              e ->
                  assertThat(e.hint())
                      .isEqualTo("the bucket is in eu-west-1: pass --region eu-west-1"));
    }
    assertThat(requests).hasSize(2);
  }

  @Test
  void aRefusedConnectionIsRetriedThenTheObjectGivenUp() throws IOException {
    try (ClosedPort closed = new ClosedPort();
        S3RawObjectStore store = store(URI.create("http://127.0.0.1:" + closed.port()), 2)) {
      assertThatThrownBy(() -> store.put("k.gz", OBJECT, OBJECT.length))
          .isInstanceOfSatisfying(
              RawObjectStore.ObjectNotWrittenException.class,
              e -> assertThat(e.attempts()).isEqualTo(2));
    }
  }

  @Test
  void anErrorAnswerWithoutAnErrorCodeIsAFailureOfTheStoreNamingTheStatus() {
    answers.add(Answer.emptyError(405));
    try (S3RawObjectStore store = store(endpoint(), 3)) {
      assertThatThrownBy(() -> store.put("k.gz", OBJECT, OBJECT.length))
          .isInstanceOfSatisfying(
              LoglakeException.class,
              e -> {
                assertThat(e.getMessage())
                    .startsWith("Cannot write raw object s3://bucket/raw/k.gz: HTTP 405");
                assertThat(e.hint()).contains("--endpoint-url");
              });
    }
    assertThat(requests).hasSize(1);
  }

  @Test
  void anUnknownHostFailsAtOnceWithoutRetries() {
    try (S3RawObjectStore store = store(URI.create("http://no-such-host.invalid:9000"), 8)) {
      assertThatThrownBy(() -> store.put("k.gz", OBJECT, OBJECT.length))
          .isInstanceOfSatisfying(
              LoglakeException.class,
              e -> {
                assertThat(e.getMessage()).contains("no-such-host.invalid");
                assertThat(e.hint()).contains("--endpoint-url");
              });
    }
  }

  @Test
  void produceTriesAnObjectEightTimesAgainstAStoreThatAlwaysAnswers503() throws IOException {
    otherwise = Answer.error(503, "SlowDown");
    Path deadLetter = temp.resolve("dead.ndjson");

    // One record: one object, put at the end of the run with the production retry settings.
    int exit = produce(endpoint(), 1, deadLetter);

    assertThat(exit).as(output.stderr()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(requests)
        .hasSize(8)
        .allSatisfy(request -> assertThat(request).startsWith("PUT /bucket/raw/2025/11/09/10/"));
    assertThat(requests.stream().distinct()).as("the same object each time").hasSize(1);
    List<String> lines = Files.readAllLines(deadLetter, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1);
    assertThat(new ObjectMapper().readTree(lines.get(0)).get("attempts").asInt()).isEqualTo(8);
    assertThat(deadLetteredRecords(deadLetter)).isEqualTo(expectedRecords(1));
  }

  @Test
  void produceDeadLettersEveryRecordAndExitsOneOnAnEmptyErrorAnswer() throws IOException {
    otherwise = Answer.emptyError(405);
    Path deadLetter = temp.resolve("dead.ndjson");

    int exit = produce(endpoint(), 700, deadLetter);

    assertThat(exit).as(output.stderr()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(output.stderr())
        .contains("loglake: Cannot write raw object s3://bucket/raw/2025/11/09/10/")
        .contains("HTTP 405")
        .contains("records not delivered are in " + deadLetter);
    assertThat(deadLetteredRecords(deadLetter)).isEqualTo(expectedRecords(700));
  }

  @Test
  void produceStopsAtAnUnknownHostAndDeadLettersWhatItHeld() throws IOException {
    Path deadLetter = temp.resolve("dead.ndjson");

    int exit = produce(URI.create("http://no-such-host.invalid:9000"), 300, deadLetter);

    assertThat(exit).as(output.stderr()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(output.stderr()).contains("no-such-host.invalid").contains("--endpoint-url");
    assertThat(deadLetteredRecords(deadLetter)).isEqualTo(expectedRecords(300));
  }

  @Test
  void anyDeadLetteredRecordMakesTheExitStatusOneWithTheCountAndFileLast() throws IOException {
    otherwise = Answer.error(500, "InternalError");
    Path deadLetter = temp.resolve("dead.ndjson");

    int exit = produce(endpoint(), 3, deadLetter);

    assertThat(exit).as(output.stderr()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(deadLetteredRecords(deadLetter)).isEqualTo(expectedRecords(3));
    List<String> lines = output.stdout().lines().toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(lines.size() - 1))
        .contains("nothing delivered")
        .contains("3 dead-lettered (in " + deadLetter + ")")
        .doesNotContain("0 bytes")
        .doesNotContain("records/s");
  }

  /** {@code loglake produce --sink s3} to bucket/raw/ at {@code endpoint}: 1 MiB or 1 h objects. */
  private static int produce(URI endpoint, int records, Path deadLetter) {
    return Main.execute(
        "produce",
        "--sink",
        "s3",
        "--bucket",
        "bucket",
        "--prefix",
        "raw/",
        "--endpoint-url",
        endpoint.toString(),
        "--region",
        "us-east-1",
        "--seed",
        "4",
        "--start",
        START.toString(),
        "--span",
        "10m",
        "--records",
        String.valueOf(records),
        "--buffer-interval",
        "3600",
        "--dead-letter",
        deadLetter.toString());
  }

  private static List<String> expectedRecords(int records) {
    List<String> lines = new ArrayList<>();
    new LogGenerator(4, new EventSchedule(START, Duration.ofMinutes(10), records))
        .forEachRemaining(record -> lines.add(record.json()));
    return lines;
  }

  private static List<String> deadLetteredRecords(Path deadLetter) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> records = new ArrayList<>();
    for (String line : Files.readAllLines(deadLetter, StandardCharsets.UTF_8)) {
      records.add(json.readTree(line).get("record").asText());
    }
    return records;
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
