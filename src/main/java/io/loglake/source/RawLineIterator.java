package io.loglake.source;

import io.loglake.transform.RawLine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Streams the lines of a task's files, one file at a time, as windows of one reused byte buffer
 * (no decoding here: the parser decodes only the lines it keeps). LF or CRLF line ends; empty lines
 * are skipped; a last line without a line end counts. Files are decoded as {@link RawFileFormat}
 * says; a file that cannot be opened or read further gives one error line.
 *
 * <p>Lines longer than {@code maxLineBytes} (not counting the line end) never grow the buffer past
 * {@code maxLineBytes + 2} bytes:
 *
 * <ul>
 *   <li>a long line of objects back to back ({@code {…}{…}}, what Firehose writes when producers add
 *       no newline) is cut between two objects ({@code }} then {@code {}, blanks between them
 *       allowed) into pieces of at most the limit, each handed on as a line;
 *   <li>where no such cut exists within the limit, the first {@link #TOO_LONG_PREFIX_BYTES} bytes are
 *       handed on as a {@linkplain RawLine#tooLong() too-long line} and the rest is read and dropped
 *       without being kept, up to the next line end or the next cut between two objects.
 * </ul>
 */
final class RawLineIterator implements Iterator<RawLine> {
  /** How much of a too-long line is kept (cut back to a UTF-8 character boundary). */
  static final int TOO_LONG_PREFIX_BYTES = 1024;

  private static final int INITIAL_BUFFER_BYTES = 1 << 18;

  private final Configuration conf;
  private final Iterator<List<String>> groups;
  private final int maxLineBytes;
  private final int maxBufferBytes;
  private final RawLine line = new RawLine();
  private final byte[] prefix = new byte[TOO_LONG_PREFIX_BYTES];
  private Iterator<String> paths = Collections.emptyIterator();
  private String currentPath;
  private InputStream in;
  private byte[] buffer;
  private int position;
  private int limit;

  /**
   * Where the search for the next LF goes on: bytes before it in {@code [position, limit)} hold
   * none.
   */
  private int scanned;

  private boolean endOfFile;
  private long linesInFile;
  private boolean ready;

  RawLineIterator(Configuration conf, Iterator<List<String>> groups, int maxLineBytes) {
    if (maxLineBytes < TOO_LONG_PREFIX_BYTES) {
      throw new IllegalArgumentException(
          "the line limit must be at least "
              + TOO_LONG_PREFIX_BYTES
              + " bytes, got "
              + maxLineBytes);
    }
    this.conf = conf;
    this.groups = groups;
    this.maxLineBytes = maxLineBytes;
    // A line of the limit plus CR and LF fits, so that a line of exactly the limit is seen whole.
    this.maxBufferBytes = maxLineBytes + 2;
    this.buffer = new byte[Math.min(INITIAL_BUFFER_BYTES, maxBufferBytes)];
  }

  /** The size the line buffer has grown to (it never shrinks): at most the limit plus 2. */
  int bufferCapacity() {
    return buffer.length;
  }

  @Override
  public boolean hasNext() {
    while (!ready) {
      if (in == null && !openNextFile()) {
        return false;
      }
      if (ready || in == null) {
        continue;
      }
      try {
        if (readLine()) {
          ready = true;
        } else {
          closeQuietly();
        }
      } catch (IOException | RuntimeException e) {
        line.setError(currentPath, "cannot read after " + linesInFile + " lines: " + describe(e));
        ready = true;
        closeQuietly();
      }
    }
    return true;
  }

  @Override
  public RawLine next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ready = false;
    return line;
  }

  /**
   * Points {@link #line} at the next non-empty line (or piece) of the open file; false at its end.
   */
  private boolean readLine() throws IOException {
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buffer[i] == '\n') {
          int start = position;
          position = i + 1;
          scanned = position;
          if (handOn(start, i)) {
            return true;
          }
          i = position - 1;
        }
      }
      scanned = limit;
      if (endOfFile) {
        int start = position;
        position = limit;
        return start < limit && handOn(start, limit);
      }
      if (limit - position > maxLineBytes + 1) {
        // No line end yet, and over the limit even if the last byte is the CR of a CRLF.
        return handOnLong(position, limit);
      }
      fill();
    }
  }

  /** Hands on the line {@code buffer[start, end)} less a trailing CR; false when it is empty. */
  private boolean handOn(int start, int end) throws IOException {
    if (end > start && buffer[end - 1] == '\r') {
      end--;
    }
    if (end == start) {
      return false;
    }
    if (end - start > maxLineBytes) {
      return handOnLong(start, end);
    }
    linesInFile++;
    line.set(currentPath, buffer, start, end);
    return true;
  }

  /**
   * Hands on the start of a line longer than the limit, of which {@code buffer[start, end)} is
   * read: its part up to the last cut between two objects within the limit (the rest is read again
   * as a line), or else its prefix as a too-long line, dropping what follows up to the next line
   * end or cut between two objects.
   */
  private boolean handOnLong(int start, int end) throws IOException {
    linesInFile++;
    int last = start + maxLineBytes;
    for (int open = last; open > start; open--) {
      if (buffer[open] != '{') {
        continue;
      }
      int close = open - 1;
      while (close > start && isBlank(buffer[close])) {
        close--;
      }
      if (buffer[close] == '}') {
        position = open;
        scanned = open;
        line.set(currentPath, buffer, start, close + 1);
        return true;
      }
    }
    int kept = prefixLength(buffer, start, end);
    System.arraycopy(buffer, start, prefix, 0, kept);
    int beforeNext = last;
    while (beforeNext > start && isBlank(buffer[beforeNext])) {
      beforeNext--;
    }
    skipToNextLineOrObject(last + 1, buffer[beforeNext] == '}');
    line.setTooLong(currentPath, prefix, 0, kept);
    return true;
  }

  /**
   * Reads on from {@code buffer[from]}, dropping what it reads without keeping it, up to a line end
   * (consumed), the {@code {} of a cut between two objects (left to read), or the end of the file.
   *
   * @param afterClose whether the bytes before {@code from} end with {@code }} and blanks
   */
  private void skipToNextLineOrObject(int from, boolean afterClose) throws IOException {
    int i = from;
    while (true) {
      for (; i < limit; i++) {
        byte b = buffer[i];
        if (b == '\n') {
          position = i + 1;
          scanned = position;
          return;
        }
        if (b == '{' && afterClose) {
          position = i;
          scanned = position;
          return;
        }
        if (b == '}') {
          afterClose = true;
        } else if (!isBlank(b)) {
          afterClose = false;
        }
      }
      position = 0;
      limit = 0;
      scanned = 0;
      if (endOfFile) {
        return;
      }
      fill();
      i = 0;
    }
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }

  /** The length of the first bytes of {@code bytes[start, end)} kept of a too-long line. */
  private static int prefixLength(byte[] bytes, int start, int end) {
    int cut = Math.min(end, start + TOO_LONG_PREFIX_BYTES);
    if (cut < end) {
      // Do not keep half of a multi-byte character: back off over its continuation bytes.
      int floor = Math.max(start, cut - 3);
      int boundary = cut;
      while (boundary > floor && (bytes[boundary] & 0xc0) == 0x80) {
        boundary--;
      }
      if ((bytes[boundary] & 0xc0) != 0x80) {
        cut = boundary;
      }
    }
    return cut - start;
  }

  /**
   * Keeps the unread bytes at the front of the buffer (growing it up to its maximum), reads more.
   */
  private void fill() throws IOException {
    int unread = limit - position;
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, unread);
      scanned -= position;
    } else if (unread == buffer.length) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(maxBufferBytes, 2L * buffer.length));
    }
    position = 0;
    limit = unread;
    int read = in.read(buffer, limit, buffer.length - limit);
    if (read < 0) {
      endOfFile = true;
    } else {
      limit += read;
    }
  }

  /** Opens the next file; false when there is none. After an open error, the line holds it. */
  private boolean openNextFile() {
    while (!paths.hasNext()) {
      if (!groups.hasNext()) {
        return false;
      }
      paths = groups.next().iterator();
    }
    currentPath = paths.next();
    linesInFile = 0;
    position = 0;
    limit = 0;
    scanned = 0;
    endOfFile = false;
    Path path = new Path(currentPath);
    InputStream stored;
    try {
      stored = RawFileFormat.open(path, conf);
    } catch (IOException | RuntimeException e) {
      line.setError(currentPath, "cannot open: " + describe(e));
      ready = true;
      return true;
    }
    try {
      in = RawFileFormat.decode(stored, path, conf);
    } catch (RawFileFormat.NotNdjsonException e) {
      fail(stored, e.getMessage());
    } catch (IOException | RuntimeException e) {
      // Decoding reads the first bytes: a damaged compressed file fails here.
      fail(stored, "cannot read after 0 lines: " + describe(e));
    }
    return true;
  }

  private void fail(InputStream stored, String error) {
    line.setError(currentPath, error);
    ready = true;
    try {
      stored.close();
    } catch (IOException e) {
      // Nothing was read from it that could be lost.
    }
  }

  private void closeQuietly() {
    try {
      if (in != null) {
        in.close();
      }
    } catch (IOException e) {
      // Closing a stream that was only read loses nothing; the lines are already out.
    } finally {
      in = null;
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
