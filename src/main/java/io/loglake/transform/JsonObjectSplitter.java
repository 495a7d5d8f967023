package io.loglake.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a raw line that holds several JSON values back to back ({@code {…}{…}}, what Firehose
 * delivers when the producer adds no newline) into one piece per value, in linear time.
 *
 * <p>Each piece is scanned with {@link JsonScanner}: a complete value followed by {@code {} ends
 * a piece, so strings and nesting are respected. When a piece is not valid JSON (an unescaped
 * quote, a truncation, text after a value), nothing after the first bad byte can be proven to be
 * inside or outside a string, so the piece ends at the next <em>resync point</em> from that byte on:
 * a {@code {} that follows a {@code }} and is followed by a {@code "} (blanks allowed between), the
 * shape of a boundary between two concatenated records. The bad piece keeps every byte up to
 * there, so the parser quarantines it whole and the records after it are read as usual; without a
 * resync point the bad piece runs to the end of the line. Nothing is dropped: the pieces and the
 * blanks between them cover the line. Scanning resumes where the last one stopped, so every byte
 * is looked at a bounded number of times, even on a 128 MiB line.
 */
public final class JsonObjectSplitter {
  /** Ints per piece in {@link #split(byte[], int, int)}'s answer. */
  static final int PIECE = 3;

  private JsonObjectSplitter() {}

  /**
   * The pieces of {@code b[start, end)} as {@code [start0, end0, valid0, start1, end1, valid1, …]},
   * each without surrounding blanks, {@code valid} 1 when the piece is one valid JSON value and 0
   * when it is not; none for a blank line.
   */
  static int[] split(byte[] b, int start, int end) {
    int[] pieces = new int[PIECE];
    int count = 0;
    int pieceStart = JsonScanner.skipBlanks(b, start, end);
    while (pieceStart < end) {
      int scanned = JsonScanner.value(b, pieceStart, end);
      int badAt;
      if (scanned >= 0) {
        int next = JsonScanner.skipBlanks(b, scanned, end);
        if (next >= end || b[next] == '{') {
          pieces = add(pieces, count++, pieceStart, scanned, true);
          pieceStart = next;
          continue;
        }
        badAt = next;
      } else {
        badAt = ~scanned;
      }
      int resync = resyncPoint(b, pieceStart, badAt, end);
      int pieceEnd = resync < 0 ? end : resync;
      while (pieceEnd > pieceStart && JsonScanner.isBlank(b[pieceEnd - 1])) {
        pieceEnd--;
      }
      pieces = add(pieces, count++, pieceStart, pieceEnd, false);
      pieceStart = resync < 0 ? end : resync;
    }
    return Arrays.copyOf(pieces, count * PIECE);
  }

  /**
   * The first {@code {} at or after {@code from} (and after {@code pieceStart}) that follows a
   * {@code }} and precedes a {@code "}, blanks allowed between; or -1.
   */
  private static int resyncPoint(byte[] b, int pieceStart, int from, int end) {
    int back = from - 1;
    while (back > pieceStart && JsonScanner.isBlank(b[back])) {
      back--;
    }
    byte previous = back > pieceStart ? b[back] : 0;
    for (int i = from; i < end; i++) {
      byte c = b[i];
      if (c == '{' && previous == '}') {
        int key = JsonScanner.skipBlanks(b, i + 1, end);
        if (key < end && b[key] == '"') {
          return i;
        }
      }
      if (!JsonScanner.isBlank(c)) {
        previous = c;
      }
    }
    return -1;
  }

  private static int[] add(int[] pieces, int index, int start, int end, boolean valid) {
    if (pieces.length < PIECE * (index + 1)) {
      pieces = Arrays.copyOf(pieces, pieces.length * 2);
    }
    pieces[PIECE * index] = start;
    pieces[PIECE * index + 1] = end;
    pieces[PIECE * index + 2] = valid ? 1 : 0;
    return pieces;
  }

  /** {@link #split(byte[], int, int)} of a string's UTF-8 bytes, as texts; for tests. */
  static List<String> split(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    int[] pieces = split(bytes, 0, bytes.length);
    List<String> texts = new ArrayList<>(pieces.length / PIECE);
    for (int i = 0; i < pieces.length; i += PIECE) {
      texts.add(new String(bytes, pieces[i], pieces[i + 1] - pieces[i], StandardCharsets.UTF_8));
    }
    return texts;
  }
}
