package io.loglake.producer;

import io.loglake.producer.FirehoseTestServer.Answer;
import io.loglake.schema.RawZoneLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** {@link RecordSinkContract} on the sinks that need no server process: local, stdout, firehose. */
class RecordSinkContractTest {
  @Nested
  class Local extends RecordSinkContract {
    @TempDir Path root;

    @Override
    RecordSink newSink() {
      return LocalRawZoneSink.forGeneratedData(
          root.resolve("raw"), RawZoneLayout.defaults(), BufferingHints.DEFAULT, 7);
    }

    @Override
    List<String> delivered(int expected) {
      Path raw = root.resolve("raw");
      List<String> lines = new ArrayList<>();
      for (String key : RawZoneFiles.allFiles(raw)) {
        lines.addAll(RawZoneFiles.lines(raw, key));
      }
      return lines;
    }

    @Override
    RecordSink brokenSink() throws IOException {
      // A file where the first record's year folder must go.
      Path raw = Files.createDirectories(root.resolve("broken"));
      Files.writeString(raw.resolve("2025"), "not a folder");
      return LocalRawZoneSink.forGeneratedData(
          raw, RawZoneLayout.defaults(), BufferingHints.DEFAULT, 7);
    }

    @Override
    String brokenDestination() {
      return root.resolve("broken").toString();
    }
  }

  @Nested
  class Stdout extends RecordSinkContract {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Override
    RecordSink newSink() {
      return new StdoutSink(new PrintStream(out, false, StandardCharsets.UTF_8));
    }

    @Override
    List<String> delivered(int expected) {
      return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    RecordSink brokenSink() {
      OutputStream failing =
          new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              throw new IOException("disk full");
            }
          };
      return new StdoutSink(new PrintStream(failing, false, StandardCharsets.UTF_8));
    }

    @Override
    String brokenDestination() {
      return "standard output";
    }
  }

  @Nested
  class Firehose extends RecordSinkContract {
    private static final String STREAM = "contract-stream";
    private final FirehoseTestServer server;
    private final List<String> notices = new ArrayList<>();
    @TempDir Path temp;

    Firehose() throws IOException {
      server = new FirehoseTestServer();
    }

    @AfterEach
    void stop() {
      server.close();
    }

    private FirehoseSink sink(String name) {
      return new FirehoseSink(
          FirehoseClients.create(
              Region.US_EAST_1,
              server.endpoint(),
              StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))),
          STREAM,
          RetryPolicy.DEFAULT,
          new DeadLetterFile(temp.resolve(name + "-dead.ndjson")),
          notices::add,
          Duration.ZERO);
    }

    @Override
    RecordSink newSink() {
      return sink("sink");
    }

    /**
     * Each Firehose record is one JSON text and its newline (so that the S3 objects Firehose writes
     * are NDJSON); a record without the newline is left as is, and then differs from what was sent.
     */
    @Override
    List<String> delivered(int expected) {
      return server.accepted().stream()
          .map(record -> record.endsWith("\n") ? record.substring(0, record.length() - 1) : record)
          .toList();
    }

    @Override
    RecordSink brokenSink() {
      server.otherwise(Answer.STREAM_NOT_FOUND);
      return sink("broken");
    }

    @Override
    String brokenDestination() {
      return "Firehose stream " + STREAM;
    }
  }
}
