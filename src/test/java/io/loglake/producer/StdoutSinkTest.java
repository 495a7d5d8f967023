package io.loglake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdoutSinkTest {
  @Test
  void writesOneRecordPerLineInOrder() {
    List<LogRecord> records = new ArrayList<>();
    new LogGenerator(42, EventSchedule.atDefaultRate(Instant.parse("2025-11-09T00:00:00Z"), 5_000))
        .forEachRemaining(records::add);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StdoutSink sink = new StdoutSink(new PrintStream(bytes, false, StandardCharsets.UTF_8));

    records.forEach(sink::send);
    sink.close();

    String expected = String.join("\n", records.stream().map(LogRecord::json).toList()) + "\n";
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(sink.stats())
        .isEqualTo(new SinkStats(5_000, 0, expected.length(), expected.length()));
  }

  @Test
  void passesRecordsLargerThanItsChunkThrough() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String big = "{\"m\":\"" + "y".repeat(100_000) + "\"}";
    try (StdoutSink sink = new StdoutSink(new PrintStream(bytes, false, StandardCharsets.UTF_8))) {
      sink.send(new LogRecord(0, "{}"));
      sink.send(new LogRecord(0, big));
      sink.send(new LogRecord(0, "{}"));
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("{}\n" + big + "\n{}\n");
  }

  @Test
  void aStreamWhoseReaderMayGoAwayEndsQuietlyOnAnError() {
    StdoutSink sink =
        new StdoutSink(new PrintStream(brokenPipe(), false, StandardCharsets.UTF_8), true);
    sink.send(new LogRecord(0, "{}"));

    assertThatThrownBy(sink::flush).isInstanceOf(StdoutSink.ReaderGoneException.class);
    sink.close();
  }

  private static OutputStream brokenPipe() {
    return new OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        throw new java.io.IOException("Broken pipe");
      }
    };
  }

  @Test
  void reportsAStreamErrorAsAFailure() {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException("Broken pipe");
          }
        };
    StdoutSink sink = new StdoutSink(new PrintStream(broken, false, StandardCharsets.UTF_8));
    sink.send(new LogRecord(0, "{}"));

    assertThatThrownBy(sink::flush)
        .isInstanceOf(LoglakeException.class)
        .hasMessageStartingWith("Cannot write records to standard output");
    sink.close();
  }
}
