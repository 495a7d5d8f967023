package io.loglake.source;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.SparkTestSession;
import io.loglake.transform.ParseTransform;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestSession.class)
class RawFileReaderTest {
  @TempDir Path raw;

  private List<Row> readAll(SparkSession spark) {
    RawFiles files = new RawPathSource(raw.toString()).files(spark);
    return RawFileReader.read(spark, files).orderBy(ParseTransform.SOURCE_FILE).collectAsList();
  }

  @Test
  void readsGzipAndPlainFilesWithCrlfAndBlankLines(SparkSession spark) {
    gzipFile(raw.resolve("2025/11/09/10/s-1-2025-11-09-10-00-00-a.gz"), "a1", "", "a2");
    write(raw.resolve("2025/11/09/11/plain.json"), false, "b1\r\nb2\r\n\r\n");

    List<Row> rows = readAll(spark);

    assertThat(rows).extracting(r -> r.getString(1)).containsExactly("a1", "a2", "b1", "b2");
    assertThat(rows).allSatisfy(r -> assertThat(r.isNullAt(2)).isTrue());
  }

  @Test
  void skipsHiddenAndTemporaryFiles(SparkSession spark) {
    gzipFile(raw.resolve("2025/11/09/10/ok.gz"), "x");
    gzipFile(raw.resolve("2025/11/09/10/.ok.gz.tmp"), "hidden");
    gzipFile(raw.resolve("_temporary/0/part.gz"), "temporary");

    assertThat(readAll(spark)).extracting(r -> r.getString(1)).containsExactly("x");
  }

  @Test
  void reportsFilesThatAreNotGzipOrTruncatedAndGoesOn(SparkSession spark) throws Exception {
    write(raw.resolve("a-not-gzip.gz"), false, "plain text pretending\n");
    byte[] whole = gzip(String.join("\n", java.util.Collections.nCopies(2000, error("2025-11-09T10:00:00Z", "s"))));
    Files.write(raw.resolve("b-truncated.gz"), Arrays.copyOf(whole, whole.length / 2));
    gzipFile(raw.resolve("c-good.gz"), "fine");

    List<Row> rows = readAll(spark);

    Row notGzip = rows.get(0);
    assertThat(notGzip.getString(0)).endsWith("a-not-gzip.gz");
    assertThat(notGzip.isNullAt(1)).isTrue();
    assertThat(notGzip.getString(2)).contains("Not in GZIP format");
    List<Row> truncated = rows.stream().filter(r -> r.getString(0).endsWith("b-truncated.gz")).toList();
    assertThat(truncated.get(truncated.size() - 1).getString(2)).startsWith("cannot read after");
    assertThat(truncated.size()).isGreaterThan(1);
    assertThat(rows.get(rows.size() - 1).getString(1)).isEqualTo("fine");
  }

  @Test
  void packsFilesIntoBalancedTasks() {
    RawFiles files = new RawFiles(List.of(
        new RawFiles.RawFile("a", 100), new RawFiles.RawFile("b", 60), new RawFiles.RawFile("c", 50),
        new RawFiles.RawFile("d", 40), new RawFiles.RawFile("e", 10)));

    List<List<String>> tasks = RawFileReader.pack(files, 2);

    assertThat(tasks).hasSize(2);
    assertThat(tasks).flatExtracting(t -> t).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    assertThat(tasks.get(0)).containsExactly("a", "d");
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
