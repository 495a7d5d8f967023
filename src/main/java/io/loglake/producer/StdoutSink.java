package io.loglake.producer;

import io.loglake.LoglakeException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Newline-delimited JSON on a {@link PrintStream} (standard output in the command line), for piping
 * into other tools. Records are buffered in 64 KiB chunks; a record counts as delivered when its
 * chunk is handed to the stream. {@link #close} flushes but does not close the stream, which the
 * caller owns.
 *
 * <p>Follows the {@link RecordSink} contract. A {@code PrintStream} reports errors only through
 * {@link PrintStream#checkError()}, so an error is noticed at the next chunk, not at the record. On
 * a stream whose reader may go away (a pipe, as in {@code loglake produce --sink stdout | head}),
 * an error means the reader has stopped reading: the sink throws {@link ReaderGoneException}, which
 * ends a run quietly, as a Unix tool ends; elsewhere (a file: a full disk) it is a failure.
 */
public final class StdoutSink implements RecordSink {
  private static final int CHUNK_BYTES = 1 << 16;

  private final PrintStream out;
  private final boolean errorMeansReaderGone;
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private int chunked;
  private long chunkedRecords;

  private long records;
  private long bytes;
  private boolean closed;
  private boolean failed;

  /** The reader of standard output went away (a closed pipe): nothing to report, just stop. */
  public static final class ReaderGoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReaderGoneException() {
      super("the reader of standard output stopped reading", null, false, false);
    }
  }

  /** A sink for which any stream error is a failure. */
  public StdoutSink(PrintStream out) {
    this(out, false);
  }

  /**
   * @param errorMeansReaderGone whether a stream error means the reader went away ({@link
   *     ReaderGoneException}) rather than a failure
   */
  public StdoutSink(PrintStream out, boolean errorMeansReaderGone) {
    this.out = out;
    this.errorMeansReaderGone = errorMeansReaderGone;
  }

  /**
   * A sink on {@code System.out}. Unless standard output is a regular file, a write error there can
   * only be a reader that went away (Java ignores SIGPIPE and reports EPIPE as an error).
   */
  public static StdoutSink forStandardOutput() {
    return new StdoutSink(System.out, !Files.isRegularFile(Path.of("/dev/stdout")));
  }

  @Override
  public void send(LogRecord record) {
    requireUsable();
    byte[] line = record.json().getBytes(StandardCharsets.UTF_8);
    if (chunked + line.length + 1 > CHUNK_BYTES) {
      writeChunk();
    }
    if (line.length + 1 > CHUNK_BYTES) {
      out.write(line, 0, line.length);
      out.write('\n');
      checkDelivered(1, line.length + 1L);
      return;
    }
    System.arraycopy(line, 0, chunk, chunked, line.length);
    chunk[chunked + line.length] = '\n';
    chunked += line.length + 1;
    chunkedRecords++;
  }

  @Override
  public void flush() {
    requireUsable();
    writeChunk();
    out.flush();
    checkDelivered(0, 0);
  }

  @Override
  public SinkStats stats() {
    return new SinkStats(records, 0, bytes, bytes);
  }

  @Override
  public void close() {
    if (closed || failed) {
      closed = true;
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
    }
  }

  private void writeChunk() {
    if (chunked == 0) {
      return;
    }
    out.write(chunk, 0, chunked);
    long chunkBytes = chunked;
    long chunkRecords = chunkedRecords;
    chunked = 0;
    chunkedRecords = 0;
    checkDelivered(chunkRecords, chunkBytes);
  }

  private void checkDelivered(long deliveredRecords, long deliveredBytes) {
    if (out.checkError()) {
      failed = true;
      if (errorMeansReaderGone) {
        throw new ReaderGoneException();
      }
      throw new LoglakeException(
          "Cannot write records to standard output: the stream reported an error",
          "check where the output goes (a full disk?); use --sink local to write files instead");
    }
    records += deliveredRecords;
    bytes += deliveredBytes;
  }

  private void requireUsable() {
    if (failed) {
      throw new IllegalStateException("the standard output sink failed earlier and cannot be used");
    }
    if (closed) {
      throw new IllegalStateException("the standard output sink is closed");
    }
  }
}
