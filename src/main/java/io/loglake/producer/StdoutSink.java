package io.loglake.producer;

import io.loglake.LoglakeException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Newline-delimited JSON on a {@link PrintStream} (standard output in the command line), for piping
 * into other tools. Records are buffered in 64 KiB chunks; a record counts as delivered when its
 * chunk is handed to the stream. {@link #close} flushes but does not close the stream, which the
 * caller owns.
 *
 * <p>Follows the {@link RecordSink} contract. A {@code PrintStream} reports errors only through
 * {@link PrintStream#checkError()}, so a closed pipe is noticed at the next chunk, not at the
 * record.
 */
public final class StdoutSink implements RecordSink {
  private static final int CHUNK_BYTES = 1 << 16;

  private final PrintStream out;
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private int chunked;
  private long chunkedRecords;

  private long records;
  private long bytes;
  private boolean closed;
  private boolean failed;

  public StdoutSink(PrintStream out) {
    this.out = out;
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
      throw new LoglakeException(
          "Cannot write records to standard output: the stream reported an error (closed pipe?)",
          "check the command reading the output; use --sink local to write files instead");
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
