package io.loglake.transform;

import java.nio.charset.StandardCharsets;

/**
 * One raw line as a reader hands it to the parser: UTF-8 bytes (a window of a reused buffer, valid
 * until the reader advances) and the file it came from; or, for a file that could not be read, the
 * error instead of bytes; or, for a line longer than the reader's limit, its first bytes only
 * ({@link #tooLong()}). Mutable and reused, so that reading a line allocates nothing.
 */
public final class RawLine {
  String sourceFile;
  byte[] bytes;
  int start;
  int end;
  String readError;
  boolean tooLong;

  /** Points this at {@code bytes[start, end)} of {@code sourceFile}. */
  public RawLine set(String sourceFile, byte[] bytes, int start, int end) {
    this.sourceFile = sourceFile;
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.readError = null;
    this.tooLong = false;
    return this;
  }

  /**
   * Points this at {@code bytes[start, end)}, the first bytes of a line over the reader's limit.
   */
  public RawLine setTooLong(String sourceFile, byte[] bytes, int start, int end) {
    set(sourceFile, bytes, start, end);
    this.tooLong = true;
    return this;
  }

  /** Makes this the read error of {@code sourceFile}. */
  public RawLine setError(String sourceFile, String error) {
    this.sourceFile = sourceFile;
    this.bytes = null;
    this.readError = error;
    this.tooLong = false;
    return this;
  }

  public String sourceFile() {
    return sourceFile;
  }

  /** The error when the file could not be read (further), else null. */
  public String readError() {
    return readError;
  }

  /** True when the bytes are only the start of a line longer than the reader's limit. */
  public boolean tooLong() {
    return tooLong;
  }

  /** The line as text, or null for an error. */
  public String text() {
    return bytes == null ? null : new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }
}
