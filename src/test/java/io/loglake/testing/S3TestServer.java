package io.loglake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3Proxy, a real S3-protocol server (SigV4 authentication, an in-memory "transient" blob store),
 * on 127.0.0.1 in a JVM of its own: its jar (copied into target/ before the integration tests, see
 * pom.xml) brings a Guava that Spark's classpath cannot take. Credentials: {@link #ACCESS_KEY} and
 * {@link #SECRET_KEY}. Stopped (the process destroyed) by {@link #close}.
 */
public final class S3TestServer implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key";

  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Process process;
  private final Path log;
  private final int port;
  private final S3Client client;

  private S3TestServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.client =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(endpoint())
            .forcePathStyle(true)
            // S3Proxy implements neither trailing request checksums nor x-amz-checksum-mode.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  /** Starts the server and waits until it answers; its log goes to {@code workDir}. */
  public static S3TestServer start(Path workDir) throws IOException, InterruptedException {
    String jar = System.getProperty("loglake.test.s3proxy.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "no S3Proxy jar at "
              + jar
              + ": run the integration tests with `mvn verify`, whose"
              + " pre-integration-test phase copies it into target/s3proxy/");
    }
    Files.createDirectories(workDir);
    // The port goes into S3Proxy's configuration, so it is picked free and released first; when
    // another process takes it in between, S3Proxy cannot bind and is started again on a new one.
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(jar, workDir, freePort());
      } catch (IllegalStateException e) {
        if (attempt == 5 || !e.getMessage().contains("Address already in use")) {
          throw e;
        }
      }
    }
  }

  private static S3TestServer startOnce(String jar, Path workDir, int port)
      throws IOException, InterruptedException {
    Path properties = workDir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=transient",
            "jclouds.identity=unused",
            "jclouds.credential=unused",
            ""),
        StandardCharsets.UTF_8);
    Path log = workDir.resolve("s3proxy.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-jar",
                jar,
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3TestServer server = new S3TestServer(process, log, port);
    try {
      server.awaitListening();
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A client with the server's credentials, for setting up and checking. */
  public S3Client client() {
    return client;
  }

  public void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  /** Every key in {@code bucket}, sorted (S3 lists in key order), across pages. */
  public List<String> keys(String bucket) {
    List<String> keys = new ArrayList<>();
    for (S3Object object :
        client
            .listObjectsV2Paginator(
                ListObjectsV2Request.builder().bucket(bucket).maxKeys(100).build())
            .contents()) {
      keys.add(object.key());
    }
    return keys;
  }

  public byte[] object(String bucket, String key) {
    return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  @Override
  public void close() {
    client.close();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitListening() throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with " + process.exitValue() + " before listening:\n" + logText());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        client.listBuckets();
        return;
      } catch (IOException | RuntimeException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("S3Proxy did not answer within " + STARTUP + ":\n" + logText());
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
