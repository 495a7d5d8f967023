package io.loglake.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.io.compress.Lz4Codec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Decides how a raw file is decoded from its first bytes, not its name (Firehose lets a delivery
 * stream pick any file extension):
 *
 * <ol>
 *   <li>GZIP magic ({@code 1f 8b}) → GZIP, every member of a concatenated file;
 *   <li>the Snappy framing format's stream identifier ({@code ff 06 00 00 sNaPpY}) → Snappy framed,
 *       what Firehose writes for its Snappy compression (Hadoop's SnappyCodec reads another
 *       format);
 *   <li>text → plain NDJSON, whatever the name: a text file named {@code .gz} is read as text;
 *   <li>other bytes under a Hadoop codec's extension other than {@code .gz} ({@code .bz2}, {@code
 *       .snappy} in Hadoop's block format, {@code .deflate}, …) → that codec (for the block format,
 *       only when the first block's header is plausible);
 *   <li>anything else (a ZIP archive, an image, random bytes) → {@link NotNdjsonException}.
 * </ol>
 *
 * The decoded content is checked the same way, so a GZIP file holding a ZIP archive is reported
 * rather than read as lines of garbage. "Text" means that few of the first {@link #SNIFF_BYTES}
 * bytes are control bytes or bytes that never occur in UTF-8: a stray NUL or a flipped bit in a log
 * file leaves it text, and its damaged lines go to the quarantine.
 */
final class RawFileFormat {
  /** How many leading bytes decide. */
  static final int SNIFF_BYTES = 1024;

  /** Content with more than 1 in this many bytes that are not text is binary. */
  private static final int BINARY_RATIO = 20;

  private static final int STREAM_BUFFER_BYTES = 1 << 16;

  /** Far above Hadoop's default block (256 KiB), far below a task's memory. */
  private static final int MAX_HADOOP_BLOCK_BYTES = 64 << 20;

  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
  private static final byte[] SNAPPY_FRAMED_MAGIC = {
    (byte) 0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59
  };
  private static final byte[] ZIP_MAGIC = {0x50, 0x4b};

  /** A file whose content is not NDJSON text in a format loglake decodes. */
  static final class NotNdjsonException extends IOException {
    private static final long serialVersionUID = 1L;

    NotNdjsonException(String message) {
      super(message);
    }
  }

  private RawFileFormat() {}

  /** Opens {@code path} as stored (the caller decodes it with {@link #decode}). */
  static InputStream open(Path path, Configuration conf) throws IOException {
    return path.getFileSystem(conf).open(path, STREAM_BUFFER_BYTES);
  }

  /**
   * The decoded content of {@code raw}, read from the file {@code path} (whose name may name a
   * codec).
   */
  static InputStream decode(InputStream raw, Path path, Configuration conf) throws IOException {
    PeekableInputStream in = new PeekableInputStream(raw);
    byte[] head = in.peek(SNIFF_BYTES);
    if (startsWith(head, GZIP_MAGIC)) {
      return checkedText(new GZIPInputStream(in, STREAM_BUFFER_BYTES), "GZIP holding ");
    }
    if (startsWith(head, SNAPPY_FRAMED_MAGIC)) {
      return checkedText(new SnappyFramedInputStream(in), "Snappy holding ");
    }
    if (isText(head)) {
      return in;
    }
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    if (codec != null && !(codec instanceof GzipCodec) && plausibleFor(codec, head)) {
      return checkedText(
          codec.createInputStream(in),
          codec.getClass().getSimpleName().replace("Codec", "") + " holding ");
    }
    throw notNdjson("", head);
  }

  /**
   * False for Hadoop's block format (Snappy, LZ4 by extension) when the first block's header is not
   * plausible: Hadoop's decompressor allocates whatever chunk length it reads (up to 2 GiB), so
   * random bytes under such a name could exhaust a task's memory.
   */
  private static boolean plausibleFor(CompressionCodec codec, byte[] head) {
    if (!(codec instanceof SnappyCodec || codec instanceof Lz4Codec)) {
      return true;
    }
    if (head.length < 8) {
      return false;
    }
    ByteBuffer header = ByteBuffer.wrap(head, 0, 8);
    int blockBytes = header.getInt();
    int chunkBytes = header.getInt();
    return blockBytes > 0
        && blockBytes <= MAX_HADOOP_BLOCK_BYTES
        && chunkBytes > 0
        && chunkBytes <= MAX_HADOOP_BLOCK_BYTES;
  }

  /** {@code decoded} if its first bytes are text, else a {@link NotNdjsonException}. */
  private static InputStream checkedText(InputStream decoded, String what) throws IOException {
    PeekableInputStream in = new PeekableInputStream(decoded);
    byte[] head = in.peek(SNIFF_BYTES);
    if (isText(head)) {
      return in;
    }
    in.close();
    throw notNdjson(what, head);
  }

  private static NotNdjsonException notNdjson(String container, byte[] head) {
    boolean zip = startsWith(head, ZIP_MAGIC);
    String first = HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length));
    return new NotNdjsonException(
        "cannot read: "
            + container
            + (zip ? "a ZIP archive" : "binary content")
            + ", not NDJSON text (first bytes "
            + first
            + "); loglake reads NDJSON as plain text, GZIP,"
            + " Snappy (framing format) or a Hadoop codec named by the extension"
            + (zip ? "; extract the archive into the raw zone" : ""));
  }

  /** True when at most 1 in {@link #BINARY_RATIO} bytes of {@code head} cannot be UTF-8 text. */
  static boolean isText(byte[] head) {
    int binary = 0;
    for (byte b : head) {
      int u = b & 0xff;
      boolean control =
          u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != 0x0b && u != 0x0c && u != 0x1b;
      boolean neverUtf8 = u == 0xc0 || u == 0xc1 || u >= 0xf5;
      if (control || neverUtf8) {
        binary++;
      }
    }
    return (long) binary * BINARY_RATIO <= head.length;
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A stream whose first bytes can be looked at before reading them, and whose {@link #available}
   * is above 0 whenever a byte remains. The JDK's {@code GZIPInputStream} reads the next member of
   * a concatenated file only when {@code available() > 0} after a member's trailer; object-store
   * streams often answer 0 there, which would end the file silently after its first member.
   */
  static final class PeekableInputStream extends PushbackInputStream {
    PeekableInputStream(InputStream in) {
      super(in, SNIFF_BYTES);
    }

    /**
     * Up to {@code n} (at most {@link #SNIFF_BYTES}) next bytes, fewer only at the end; not
     * consumed.
     */
    byte[] peek(int n) throws IOException {
      byte[] head = new byte[n];
      int filled = 0;
      while (filled < n) {
        int read = read(head, filled, n - filled);
        if (read < 0) {
          break;
        }
        filled += read;
      }
      unread(head, 0, filled);
      return filled == n ? head : java.util.Arrays.copyOf(head, filled);
    }

    @Override
    public int available() throws IOException {
      int available = super.available();
      if (available > 0) {
        return available;
      }
      int next = read();
      if (next < 0) {
        return 0;
      }
      unread(next);
      return 1;
    }
  }
}
