package io.loglake.transform;

import java.nio.charset.StandardCharsets;

/**
 * One raw line as a reader hands it to the parser: UTF-8 bytes (a window of a reused buffer, valid
 * until the reader advances) and the file it came from; or, for a file that could not be read, the
 * error instead of bytes. Mutable and reused, so that reading a line allocates nothing.
 */
public final class RawLine {
  String sourceFile;
  byte[] bytes;
  int start;
  int end;
  String readError;

  /** Points this at {@code bytes[start, end)} of {@code sourceFile}. */
  public RawLine set(String sourceFile, byte[] bytes, int start, int end) {
    this.sourceFile = sourceFile;
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.readError = null;
    return this;
  }

  /** Makes this the read error of {@code sourceFile}. */
  public RawLine setError(String sourceFile, String error) {
    this.sourceFile = sourceFile;
    this.bytes = null;
    this.readError = error;
    return this;
  }

  public String sourceFile() {
    return sourceFile;
  }

  /** The error when the file could not be read (further), else null. */
  public String readError() {
    return readError;
  }

  /** The line as text, or null for an error. */
  public String text() {
    return bytes == null ? null : new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }
}
