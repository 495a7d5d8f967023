package io.loglake.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw line that holds several JSON objects back to back ({@code {…}{…}}, what Firehose
 * delivers when the producer adds no newline) into one text per object.
 *
 * <p>The split happens only between top-level objects, outside strings, where the next non-blank
 * character after a closing brace opens a new object. Anything else (a truncated object, trailing
 * text) is left in the last piece, so that parsing flags it: nothing is dropped.
 */
public final class JsonObjectSplitter {
  private JsonObjectSplitter() {}

  /** The object texts of {@code line}; a single-object line gives a one-element list of itself. */
  public static List<String> split(String line) {
    int last = line.length() - 1;
    while (last >= 0 && Character.isWhitespace(line.charAt(last))) {
      last--;
    }
    int firstClose = line.indexOf('}');
    if (firstClose < 0 || firstClose == last) {
      return List.of(line);
    }
    List<String> pieces = new ArrayList<>(2);
    int pieceStart = 0;
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i <= last; i++) {
      char c = line.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0 && c == '}') {
          int next = i + 1;
          while (next <= last && Character.isWhitespace(line.charAt(next))) {
            next++;
          }
          if (next <= last && line.charAt(next) == '{') {
            pieces.add(line.substring(pieceStart, i + 1));
            pieceStart = next;
            i = next - 1;
          }
        }
      }
    }
    if (pieces.isEmpty()) {
      return List.of(line);
    }
    pieces.add(line.substring(pieceStart));
    return pieces;
  }
}
