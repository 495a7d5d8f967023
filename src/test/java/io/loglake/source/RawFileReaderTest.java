package io.loglake.source;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.schema.LogSchema;
import io.loglake.testing.SparkTestSession;
import io.loglake.transform.ParseTransform;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.SnappyFramedOutputStream;

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
  void reportsTruncatedFilesAndGoesOn(SparkSession spark) throws Exception {
    byte[] whole =
        gzip(String.join("\n", Collections.nCopies(2000, error("2025-11-09T10:00:00Z", "s"))));
    Files.write(raw.resolve("b-truncated.gz"), Arrays.copyOf(whole, whole.length / 2));
    gzipFile(raw.resolve("c-good.gz"), "fine");

    List<Row> rows = readAll(spark);

    List<Row> truncated =
        rows.stream().filter(r -> r.getString(0).endsWith("b-truncated.gz")).toList();
    assertThat(truncated.get(truncated.size() - 1).getString(2)).startsWith("cannot read after");
    assertThat(truncated.size()).isGreaterThan(1);
    assertThat(rows.get(rows.size() - 1).getString(1)).isEqualTo("fine");
  }

  @Test
  void readsGzipByItsContentWhateverTheName(SparkSession spark) throws Exception {
    Files.write(raw.resolve("a-gzip-named.log"), gzip("a1\na2\n"));
    Files.write(raw.resolve("b-gzip-named.gz"), gzip("b1\n"));
    Files.write(raw.resolve("c-gzip-without-extension"), gzip("c1\n"));

    List<Row> rows = readAll(spark);

    assertThat(rows).extracting(r -> r.getString(1)).containsExactly("a1", "a2", "b1", "c1");
    assertThat(rows).allSatisfy(r -> assertThat(r.isNullAt(2)).isTrue());
  }

  @Test
  void readsPlainTextNamedGzAsTheTextItIs(SparkSession spark) {
    write(raw.resolve("plain-named.gz"), false, "p1\np2\n");

    List<Row> rows = readAll(spark);

    assertThat(rows).extracting(r -> r.getString(1)).containsExactly("p1", "p2");
    assertThat(rows).allSatisfy(r -> assertThat(r.isNullAt(2)).isTrue());
  }

  @Test
  void readsSnappyFramingFormatWithOrWithoutExtension(SparkSession spark) throws Exception {
    Files.write(raw.resolve("a-framed.snappy"), snappyFramed("s1\ns2\n"));
    Files.write(raw.resolve("b-framed-without-extension"), snappyFramed("s3\n"));

    List<Row> rows = readAll(spark);

    assertThat(rows).extracting(r -> r.getString(1)).containsExactly("s1", "s2", "s3");
    assertThat(rows).allSatisfy(r -> assertThat(r.isNullAt(2)).isTrue());
  }

  @Test
  void readsEveryMemberOfAConcatenatedGzip(SparkSession spark) throws Exception {
    ByteArrayOutputStream members = new ByteArrayOutputStream();
    members.write(gzip("m1\n"));
    members.write(gzip("m2\nm3\n"));
    Files.write(raw.resolve("multi-member.gz"), members.toByteArray());

    assertThat(readAll(spark)).extracting(r -> r.getString(1)).containsExactly("m1", "m2", "m3");
  }

  @Test
  void reportsZipAndOtherBinaryFilesAsUnreadableWithTheReason(SparkSession spark) throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("logs.json"));
      out.write("{\"level\":\"ERROR\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(raw.resolve("a-archive.gz"), zip.toByteArray());
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);
    Files.write(raw.resolve("b-garbage.log"), garbage);
    Files.write(raw.resolve("c-gzip-of-binary.gz"), gzip(garbage));
    gzipFile(raw.resolve("d-good.gz"), "fine");

    List<Row> rows = readAll(spark);

    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).isNullAt(1)).isTrue();
    assertThat(rows.get(0).getString(2)).startsWith("cannot read: a ZIP archive");
    assertThat(rows.get(1).isNullAt(1)).isTrue();
    assertThat(rows.get(1).getString(2)).startsWith("cannot read: binary content");
    assertThat(rows.get(2).isNullAt(1)).isTrue();
    assertThat(rows.get(2).getString(2)).startsWith("cannot read: GZIP holding binary content");
    assertThat(rows.get(3).getString(1)).isEqualTo("fine");
  }

  @Test
  void aLineOverTheLimitIsQuarantinedWithItsFirstKibibyte(SparkSession spark) {
    String giant = "{\"level\":\"ERROR\",\"message\":\"" + "x".repeat(5 << 20) + "\"}";
    write(
        raw.resolve("long-line.json"),
        false,
        error("2025-11-09T10:00:00Z", "a")
            + "\n"
            + giant
            + "\n"
            + error("2025-11-09T10:00:01Z", "b")
            + "\n");
    RawFiles files = new RawPathSource(raw.toString()).files(spark);

    List<Row> rows = RawFileReader.readParsed(spark, files, Set.of("ERROR")).collectAsList();

    assertThat(rows)
        .filteredOn(r -> r.getAs(ParseTransform.OUTCOME).equals(ParseTransform.CURATED))
        .extracting(r -> (String) r.getAs(LogSchema.SERVICE))
        .containsExactlyInAnyOrder("a", "b");
    List<Row> quarantined =
        rows.stream()
            .filter(r -> r.getAs(ParseTransform.OUTCOME).equals(ParseTransform.QUARANTINED))
            .toList();
    assertThat(quarantined).hasSize(1);
    assertThat((String) quarantined.get(0).getAs(ParseTransform.REASON)).isEqualTo("line_too_long");
    assertThat((String) quarantined.get(0).getAs(ParseTransform.RAW))
        .isEqualTo(giant.substring(0, 1024));
    assertThat(
            rows.stream()
                .filter(r -> r.getAs(ParseTransform.OUTCOME).equals(ParseTransform.STATS))
                .mapToLong(r -> r.getAs(ParseTransform.READ_COUNT))
                .sum())
        .isEqualTo(3);
  }

  @Test
  void packsFilesIntoBalancedTasks() {
    RawFiles files =
        new RawFiles(
            List.of(
                new RawFiles.RawFile("a", 100),
                new RawFiles.RawFile("b", 60),
                new RawFiles.RawFile("c", 50),
                new RawFiles.RawFile("d", 40),
                new RawFiles.RawFile("e", 10)));

    List<List<String>> tasks = RawFileReader.pack(files, 2);

    assertThat(tasks).hasSize(2);
    assertThat(tasks).flatExtracting(t -> t).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    assertThat(tasks.get(0)).containsExactly("a", "d");
  }

  private static byte[] snappyFramed(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SnappyFramedOutputStream out = new SnappyFramedOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(String text) throws Exception {
    return gzip(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] gzip(byte[] content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }
}
