package io.loglake.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.junit.jupiter.api.Test;

/** How a file's content decides its decoding (no Spark, no files). */
class RawFileFormatTest {
  private static final Configuration CONF = new Configuration();

  /**
   * A stream that, like a network stream, answers reads with a few bytes at a time and never says
   * that more are available.
   */
  private static InputStream nothingAvailable(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 5));
      }

      @Override
      public int available() {
        return 0;
      }
    };
  }

  private static String decode(byte[] bytes, String name) throws IOException {
    try (InputStream in =
        RawFileFormat.decode(nothingAvailable(bytes), new Path("s3a://b/raw/" + name), CONF)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsEveryMemberOfAConcatenatedGzipFromAStreamThatReportsNothingAvailable()
      throws IOException {
    // Members larger than what is looked at first, of text that does not compress much.
    Random random = new Random(3);
    StringBuilder expected = new StringBuilder();
    ByteArrayOutputStream members = new ByteArrayOutputStream();
    for (int member = 0; member < 3; member++) {
      String text = "{\"n\":\"" + new BigInteger(40_000, random) + "\"}\n";
      members.write(gzip(text));
      expected.append(text);
    }

    assertThat(decode(members.toByteArray(), "stream-1-2025-11-09-10-00-00-x.log"))
        .isEqualTo(expected.toString());
  }

  @Test
  void otherCodecsGoByExtensionWhenTheContentIsNotText() throws IOException {
    String text = "{\"a\":1}\n{\"b\":2}\n";
    for (CompressionCodec codec : List.of(new SnappyCodec(), new BZip2Codec())) {
      ((Configurable) codec).setConf(CONF);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream out = codec.createOutputStream(bytes)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }

      assertThat(decode(bytes.toByteArray(), "x" + codec.getDefaultExtension())).isEqualTo(text);
    }
  }

  @Test
  void randomBytesUnderABlockCodecNameAreBinaryNotAHugeBlock() {
    // A first "block" of 2 GiB - 1 that Hadoop's decompressor would try to allocate.
    byte[] bogus = {
      0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 1
    };

    assertThatThrownBy(() -> decode(bogus, "x.snappy"))
        .isInstanceOf(RawFileFormat.NotNdjsonException.class)
        .hasMessageStartingWith("cannot read: binary content");
    assertThatThrownBy(() -> decode(bogus, "x.lz4"))
        .isInstanceOf(RawFileFormat.NotNdjsonException.class);
  }

  @Test
  void plainTextKeepsItsBytesWhateverTheName() throws IOException {
    assertThat(decode("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8), "x.gz"))
        .isEqualTo("{\"a\":1}\n");
    assertThat(decode("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8), "x.snappy"))
        .isEqualTo("{\"a\":1}\n");
    assertThat(decode(new byte[0], "empty.gz")).isEmpty();
  }

  @Test
  void aFewStrayControlBytesLeaveATextFileText() {
    String line =
        "{\"timestamp\":\"2025-11-09T10:00:00Z\",\"level\":\"ERROR\",\"message\":\"ok\"}\n";
    byte[] text =
        (line.replace("ok", "a\u0000b")
                + line.repeat(5)
                + line.replace("ok", "\u0001\u0002")
                + line)
            .getBytes(StandardCharsets.UTF_8);
    assertThat(RawFileFormat.isText(text)).isTrue();
    byte[] mostlyNul = new byte[100];
    mostlyNul[0] = '{';
    assertThat(RawFileFormat.isText(mostlyNul)).isFalse();
  }

  @Test
  void binaryUnderAGzipNameNamesWhatItIs() {
    byte[] zip = {
      0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00
    };

    assertThatThrownBy(() -> decode(zip, "x.gz"))
        .isInstanceOf(RawFileFormat.NotNdjsonException.class)
        .hasMessageStartingWith(
            "cannot read: a ZIP archive, not NDJSON text (first bytes 50 4b 03 04 14 00 00 00)")
        .hasMessageContaining("extract the archive");
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
