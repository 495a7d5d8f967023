package io.loglake.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.EtlConfig;
import io.loglake.job.EtlJob;
import io.loglake.job.RunReport;
import io.loglake.testing.LogFixtures;
import io.loglake.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Seeded random damage to valid raw files, all read by one real run of the job: the run never
 * fails, its counts add up, and exactly the files whose damage no reader can get past (a truncated
 * or bit-flipped compressed file, random bytes) are reported as unreadable.
 */
@ExtendWith(SparkTestSession.class)
class RawInputFuzzTest {
  private static final long SEED = 20251109L;
  private static final int FILES_PER_DAMAGE = 3;
  private static final String[] LEVELS = {"ERROR", "WARN", "INFO", "DEBUG", "error", "Warning"};
  private static final String[] NAMES = {".gz", ".log", ".json", "", ".snappy"};

  @TempDir Path dir;

  /**
   * What is done to a file; {@code unreadable}: no reader can get past it, so it must be reported.
   */
  private enum Damage {
    NONE(false),
    TRUNCATED_TEXT(false),
    TRUNCATED_COMPRESSED(true),
    BITS_FLIPPED_IN_TEXT(false),
    BITS_FLIPPED_IN_COMPRESSED(true),
    NULS_INSERTED(false),
    GIANT_LINE(false),
    OBJECTS_BACK_TO_BACK(false),
    INVALID_UTF8(false),
    RANDOM_BYTES(true),
    SEVERAL(false);

    final boolean unreadable;

    Damage(boolean unreadable) {
      this.unreadable = unreadable;
    }
  }

  /** Files of LF-terminated lines only; compression is applied after the text damage. */
  private enum Encoding {
    PLAIN,
    GZIP,
    SNAPPY_FRAMED
  }

  @Test
  void damagedRawFilesNeverStopTheRunAndEveryRecordAndUnreadableFileIsAccountedFor(
      SparkSession spark) throws IOException {
    Random random = new Random(SEED);
    Path raw = dir.resolve("raw");
    Set<String> expectedUnreadable = new TreeSet<>();
    int giantLines = 0;
    int file = 0;
    for (Damage damage : Damage.values()) {
      for (int copy = 0; copy < FILES_PER_DAMAGE; copy++, file++) {
        Encoding encoding = encodingFor(damage, random);
        byte[] content = damage(damage, validLines(file, random), encoding, random);
        String name =
            String.format(
                "2025/11/09/%02d/stream-1-%03d-%s%s",
                file % 24, file, damage.name().toLowerCase(), NAMES[random.nextInt(NAMES.length)]);
        Path path = raw.resolve(name);
        Files.createDirectories(path.getParent());
        Files.write(path, content);
        if (damage.unreadable) {
          expectedUnreadable.add(path.getFileName().toString());
        }
        giantLines += damage == Damage.GIANT_LINE ? 1 : 0;
      }
    }

    RunReport report =
        EtlJob.run(
            spark,
            EtlConfig.builder()
                .rawPath(raw.toString())
                .curatedPath(dir.resolve("curated").toString())
                .levels(Set.of("ERROR", "WARN"))
                .noRegister()
                .build());

    assertThat(report.filesRead()).isEqualTo(file);
    assertThat(report.recordsRead())
        .as("records_read = written + quarantined + filtered + duplicates in %s", report.toJson())
        .isEqualTo(
            report.recordsWritten()
                + report.recordsQuarantined()
                + report.recordsFilteredOut()
                + report.duplicatesRemoved());
    assertThat(report.unreadableFiles())
        .extracting(
            unreadable ->
                Path.of(unreadable.path().replaceFirst("^file:", "")).getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(expectedUnreadable);
    assertThat(report.unreadableFiles())
        .allSatisfy(unreadable -> assertThat(unreadable.error()).isNotBlank());
    assertThat(report.quarantinedByReason()).containsEntry("line_too_long", (long) giantLines);
    assertThat(report.recordsWritten()).isPositive();
  }

  private static Encoding encodingFor(Damage damage, Random random) {
    return switch (damage) {
      case TRUNCATED_COMPRESSED, BITS_FLIPPED_IN_COMPRESSED ->
          random.nextBoolean() ? Encoding.GZIP : Encoding.SNAPPY_FRAMED;
      case RANDOM_BYTES -> Encoding.PLAIN;
      default -> Encoding.values()[random.nextInt(Encoding.values().length)];
    };
  }

  /** 20 to 60 records of a Firehose object, some of them repeated (at-least-once delivery). */
  private static List<String> validLines(int file, Random random) {
    List<String> lines = new ArrayList<>();
    int count = 20 + random.nextInt(41);
    for (int i = 0; i < count; i++) {
      if (i > 0 && random.nextInt(10) == 0) {
        lines.add(lines.get(random.nextInt(i)));
        continue;
      }
      String timestamp =
          String.format(
              "2025-11-09T%02d:%02d:%02dZ",
              random.nextInt(24), random.nextInt(60), random.nextInt(60));
      lines.add(
          LogFixtures.record(
              timestamp,
              LEVELS[random.nextInt(LEVELS.length)],
              "svc-" + random.nextInt(5),
              "message " + random.nextInt(1000),
              "user_" + random.nextInt(100),
              "e-" + file + "-" + i));
    }
    return lines;
  }

  private static byte[] damage(Damage damage, List<String> lines, Encoding encoding, Random random)
      throws IOException {
    byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    return switch (damage) {
      case NONE -> encode(text, encoding);
      case TRUNCATED_TEXT ->
          encode(Arrays.copyOf(text, 1 + random.nextInt(text.length - 1)), encoding);
      case TRUNCATED_COMPRESSED -> {
        byte[] compressed = encode(text, encoding);
        int length;
        do {
          // A framed Snappy stream cut right after its identifier is a valid, empty stream.
          length = 1 + random.nextInt(compressed.length - 1);
        } while (encoding == Encoding.SNAPPY_FRAMED && length == 10);
        yield Arrays.copyOf(compressed, length);
      }
      case BITS_FLIPPED_IN_TEXT -> encode(flipBits(text, 3, 0, random), encoding);
      case BITS_FLIPPED_IN_COMPRESSED -> {
        // Past the GZIP header's unchecked fields (time, flags, OS) and past a Snappy chunk's type
        // byte (a flip there can make it a skippable chunk): every later bit is checksummed.
        byte[] compressed = encode(text, encoding);
        yield flipBits(compressed, 1, encoding == Encoding.GZIP ? 10 : 14, random);
      }
      case NULS_INSERTED -> encode(insert(text, new byte[] {0}, 4, random), encoding);
      case GIANT_LINE -> {
        List<String> withGiant = new ArrayList<>(lines);
        withGiant.add(
            random.nextInt(lines.size()),
            LogFixtures.record(
                "2025-11-09T10:00:00Z",
                "ERROR",
                "giant",
                "x".repeat((3 << 20) / 2),
                "user_1",
                "giant"));
        yield encode(
            (String.join("\n", withGiant) + "\n").getBytes(StandardCharsets.UTF_8), encoding);
      }
      case OBJECTS_BACK_TO_BACK -> {
        String joined = String.join(random.nextBoolean() ? "" : "\n", lines);
        yield encode(
            insert(
                joined.getBytes(StandardCharsets.UTF_8),
                "}{".getBytes(StandardCharsets.UTF_8),
                8,
                random),
            encoding);
      }
      case INVALID_UTF8 -> {
        byte[] damaged = text;
        byte[][] invalid = {
          {(byte) 0xc3, 0x28},
          {(byte) 0xff},
          {(byte) 0x80},
          {(byte) 0xe2, (byte) 0x82},
          {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          {(byte) 0xc0, (byte) 0xaf}
        };
        for (byte[] sequence : invalid) {
          damaged = insert(damaged, sequence, 1, random);
        }
        yield encode(damaged, encoding);
      }
      case RANDOM_BYTES -> {
        byte[] garbage = new byte[2048 + random.nextInt(6144)];
        random.nextBytes(garbage);
        yield garbage;
      }
      case SEVERAL -> {
        byte[] damaged = insert(text, "}{".getBytes(StandardCharsets.UTF_8), 3, random);
        damaged = insert(damaged, new byte[] {0, (byte) 0xfe}, 2, random);
        damaged = flipBits(damaged, 2, 0, random);
        yield encode(
            Arrays.copyOf(damaged, damaged.length - random.nextInt(damaged.length / 2)), encoding);
      }
    };
  }

  private static byte[] flipBits(byte[] bytes, int count, int from, Random random) {
    byte[] flipped = bytes.clone();
    for (int i = 0; i < count; i++) {
      flipped[from + random.nextInt(flipped.length - from)] ^= (byte) (1 << random.nextInt(8));
    }
    return flipped;
  }

  /** {@code bytes} with {@code piece} inserted {@code times} at random places. */
  private static byte[] insert(byte[] bytes, byte[] piece, int times, Random random) {
    byte[] result = bytes;
    for (int i = 0; i < times; i++) {
      int at = random.nextInt(result.length + 1);
      byte[] next = new byte[result.length + piece.length];
      System.arraycopy(result, 0, next, 0, at);
      System.arraycopy(piece, 0, next, at, piece.length);
      System.arraycopy(result, at, next, at + piece.length, result.length - at);
      result = next;
    }
    return result;
  }

  private static byte[] encode(byte[] text, Encoding encoding) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    switch (encoding) {
      case PLAIN -> bytes.write(text);
      case GZIP -> {
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
          out.write(text);
        }
      }
      case SNAPPY_FRAMED -> {
        try (SnappyFramedOutputStream out = new SnappyFramedOutputStream(bytes)) {
          out.write(text);
        }
      }
    }
    return bytes.toByteArray();
  }
}
