package io.loglake.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.transform.RawLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line reader on its own (no Spark): line limits and the buffer they bound. */
class RawLineIteratorTest {
  private static final int MIB = 1 << 20;

  @TempDir Path dir;

  /** What the reader handed on for one line. */
  private record Read(String text, boolean tooLong, String error) {}

  private RawLineIterator reader;

  private List<Read> readAll(int maxLineBytes, String content) throws IOException {
    return readAll(maxLineBytes, content.getBytes(StandardCharsets.UTF_8));
  }

  private List<Read> readAll(int maxLineBytes, byte[] content) throws IOException {
    Path file = dir.resolve("raw-" + System.nanoTime() + ".json");
    Files.write(file, content);
    reader =
        new RawLineIterator(
            new Configuration(),
            List.of(List.of(file.toUri().toString())).iterator(),
            maxLineBytes);
    List<Read> lines = new ArrayList<>();
    while (reader.hasNext()) {
      RawLine line = reader.next();
      lines.add(new Read(line.text(), line.tooLong(), line.readError()));
    }
    return lines;
  }

  @Test
  void aFiveMibLineIsHandedOnAsItsFirstKibibyteWithoutGrowingTheBufferPastTheLimit()
      throws IOException {
    String giant = "{\"message\":\"" + "x".repeat(5 * MIB) + "\"}";

    List<Read> lines = readAll(MIB, "{\"a\":1}\n" + giant + "\n{\"b\":2}\n");

    assertThat(lines)
        .containsExactly(
            new Read("{\"a\":1}", false, null),
            new Read(giant.substring(0, 1024), true, null),
            new Read("{\"b\":2}", false, null));
    assertThat(reader.bufferCapacity()).isLessThanOrEqualTo(MIB + 2);
  }

  @Test
  void aLineOfExactlyTheLimitIsKeptAndOneByteMoreIsTooLong() throws IOException {
    int limit = 4096;
    String exact = "e".repeat(limit);
    String over = "o".repeat(limit + 1);

    List<Read> lines = readAll(limit, exact + "\r\n" + over + "\r\n" + exact + "\n" + over);

    assertThat(lines)
        .containsExactly(
            new Read(exact, false, null),
            new Read("o".repeat(1024), true, null),
            new Read(exact, false, null),
            new Read("o".repeat(1024), true, null));
    assertThat(reader.bufferCapacity()).isLessThanOrEqualTo(limit + 2);
  }

  @Test
  void aLongLineOfObjectsBackToBackIsCutBetweenObjectsIntoPiecesWithinTheLimit()
      throws IOException {
    int limit = 64 << 10;
    StringBuilder objects = new StringBuilder();
    for (int n = 0; objects.length() < 3 * MIB; n++) {
      objects
          .append(n % 7 == 6 ? " " : "")
          .append("{\"level\":\"ERROR\",\"n\":")
          .append(n)
          .append('}');
    }
    String line = objects.toString();

    List<Read> pieces = readAll(limit, line + "\n{\"after\":true}\n");

    assertThat(pieces).noneMatch(Read::tooLong);
    assertThat(pieces.get(pieces.size() - 1).text()).isEqualTo("{\"after\":true}");
    List<Read> cut = pieces.subList(0, pieces.size() - 1);
    assertThat(cut.size()).isGreaterThanOrEqualTo(3 * MIB / limit);
    assertThat(cut)
        .allSatisfy(
            piece -> {
              assertThat(piece.text().length()).isLessThanOrEqualTo(limit);
              assertThat(piece.text()).startsWith("{").endsWith("}");
            });
    // Nothing is lost but the blanks between two objects at a cut.
    assertThat(String.join("", cut.stream().map(Read::text).toList()).replace("} {", "}{"))
        .isEqualTo(line.replace("} {", "}{"));
    assertThat(reader.bufferCapacity()).isLessThanOrEqualTo(limit + 2);
  }

  @Test
  void theObjectsAfterAGiantObjectOnTheSameLineAreRead() throws IOException {
    int limit = 4096;
    String giant = "{\"message\":\"" + "g".repeat(3 * limit) + "\"}";

    List<Read> lines = readAll(limit, giant + "{\"next\":1}{\"next\":2}\n{\"own\":3}");

    assertThat(lines)
        .containsExactly(
            new Read(giant.substring(0, 1024), true, null),
            new Read("{\"next\":1}{\"next\":2}", false, null),
            new Read("{\"own\":3}", false, null));
  }

  @Test
  void theKeptStartOfATooLongLineEndsOnACharacterBoundary() throws IOException {
    int limit = 2048;
    String line = "a" + "é".repeat(limit);

    List<Read> lines = readAll(limit, line + "\n");

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).tooLong()).isTrue();
    // 'a' plus 511 two-byte characters is 1023 bytes; the 512th would end past 1 KiB.
    assertThat(lines.get(0).text()).isEqualTo("a" + "é".repeat(511));
  }

  @Test
  void aTooLongLastLineWithoutALineEndIsHandedOnOnce() throws IOException {
    List<Read> lines = readAll(2048, "{\"a\":1}\n" + "z".repeat(10_000));

    assertThat(lines)
        .containsExactly(
            new Read("{\"a\":1}", false, null), new Read("z".repeat(1024), true, null));
  }
}
