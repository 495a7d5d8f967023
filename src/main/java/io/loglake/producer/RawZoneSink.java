package io.loglake.producer;

import io.loglake.LoglakeException;
import io.loglake.schema.RawZoneLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * A raw zone written the way Kinesis Data Firehose delivers to S3, into any {@link RawObjectStore}:
 * records (each newline-terminated) are buffered in memory and delivered as one GZIP object per
 * buffer, by the {@link BufferingHints}, keyed by the {@link RawZoneLayout} from the {@link
 * ArrivalClock} time of the buffer's first record. An object holds at most {@code sizeBytes} of
 * uncompressed records, except that a single larger record gets an object to itself.
 *
 * <p>Failures, with {@link DeadLettering}: an object the store could not write after its retries
 * ({@link RawObjectStore.ObjectNotWrittenException}) has its records written to the dead-letter
 * file, counted and announced, and the sink goes on. A failure of the store as a whole (a {@link
 * LoglakeException}: missing bucket, denied access) dead-letters the object's records, and the
 * record being sent if the failure came while sending it, then throws; the sink is then unusable,
 * as the {@link RecordSink} contract says. Either way no record is dropped. Without dead-lettering
 * (the local sink) every failure throws.
 *
 * <p>Follows the {@link RecordSink} contract.
 */
public final class RawZoneSink implements RecordSink {
  private static final int GZIP_BUFFER_BYTES = 1 << 16;
  private static final int INITIAL_BUFFER_BYTES = 1 << 20;

  /**
   * Where undeliverable records go.
   *
   * @param file the dead-letter file
   * @param sinkName the sink's name in each dead letter, e.g. {@code s3}
   * @param notices told, one line each, about objects whose records were dead-lettered
   */
  public record DeadLettering(DeadLetterFile file, String sinkName, Consumer<String> notices) {}

  private final RawObjectStore store;
  private final RawZoneLayout layout;
  private final long sizeLimit;
  private final long intervalMillis;
  private final ArrivalClock clock;
  private final Supplier<UUID> objectIds;
  private final DeadLettering deadLettering;

  private byte[] buffer;
  private int buffered;
  private long bufferedRecords;
  private long firstArrivalMillis;

  /** The buffered records themselves, kept only to be dead-lettered. */
  private final List<LogRecord> pending = new ArrayList<>();

  private final CompressedBytes compressed = new CompressedBytes(INITIAL_BUFFER_BYTES);

  private long records;
  private long objects;
  private long bytes;
  private long storedBytes;
  private long retried;
  private long deadLettered;
  private boolean closed;
  private boolean failed;

  /**
   * @param objectIds the UUIDs in object names, one per object
   * @param deadLettering where records of objects that cannot be written go; null to throw instead
   */
  public RawZoneSink(
      RawObjectStore store,
      RawZoneLayout layout,
      BufferingHints hints,
      ArrivalClock clock,
      Supplier<UUID> objectIds,
      DeadLettering deadLettering) {
    this.store = store;
    this.layout = layout;
    this.sizeLimit = hints.sizeBytes();
    this.intervalMillis = hints.interval().toMillis();
    this.clock = clock;
    this.objectIds = objectIds;
    this.deadLettering = deadLettering;
    this.buffer = new byte[(int) Math.min(sizeLimit, INITIAL_BUFFER_BYTES)];
  }

  public RawObjectStore store() {
    return store;
  }

  @Override
  public void send(LogRecord record) {
    requireUsable();
    long arrival = clock.arrivalMillis(record);
    byte[] line = record.json().getBytes(StandardCharsets.UTF_8);
    long lineBytes = line.length + 1L;
    if (buffered > 0
        && (arrival - firstArrivalMillis >= intervalMillis || buffered + lineBytes > sizeLimit)) {
      deliverBuffer(record);
    }
    if (buffered == 0) {
      firstArrivalMillis = arrival;
    }
    append(line);
    bufferedRecords++;
    if (deadLettering != null) {
      pending.add(record);
    }
    if (buffered >= sizeLimit) {
      deliverBuffer(null);
    }
  }

  @Override
  public void flush() {
    requireUsable();
    if (buffered > 0) {
      deliverBuffer(null);
    }
  }

  @Override
  public SinkStats stats() {
    return new SinkStats(records, objects, bytes, storedBytes, retried, deadLettered);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (!failed) {
        flush();
      }
    } finally {
      closed = true;
      buffer = new byte[0];
      pending.clear();
      try {
        store.close();
      } finally {
        if (deadLettering != null) {
          deadLettering.file().close();
        }
      }
    }
  }

  private void append(byte[] line) {
    int needed = buffered + line.length + 1;
    if (needed > buffer.length) {
      long doubled = Math.min(2L * buffer.length, Integer.MAX_VALUE - 8);
      buffer = Arrays.copyOf(buffer, (int) Math.max(needed, doubled));
    }
    System.arraycopy(line, 0, buffer, buffered, line.length);
    buffer[buffered + line.length] = '\n';
    buffered = needed;
  }

  /**
   * Delivers the buffer as one object.
   *
   * @param arriving the record being sent, not yet buffered, if any: dead-lettered as well when the
   *     store fails as a whole, since the failure means the sink does not take it
   */
  private void deliverBuffer(LogRecord arriving) {
    String key = layout.objectKey(firstArrivalMillis, objectIds.get());
    compress();
    try {
      int attempts = store.put(key, compressed.array(), compressed.size());
      retried += bufferedRecords * (attempts - 1L);
      records += bufferedRecords;
      objects++;
      bytes += buffered;
      storedBytes += compressed.size();
    } catch (RawObjectStore.ObjectNotWrittenException e) {
      retried += bufferedRecords * Math.max(0, e.attempts() - 1L);
      if (deadLettering == null) {
        failed = true;
        throw new LoglakeException(
            "Cannot write raw object " + store.location(key) + ": " + e.getMessage(),
            "check " + store.description() + " and retry the run",
            e);
      }
      deadLettering
          .notices()
          .accept(
              "Cannot write raw object "
                  + store.location(key)
                  + " after "
                  + e.attempts()
                  + " attempts ("
                  + e.getMessage()
                  + "); its "
                  + bufferedRecords
                  + " records are in "
                  + deadLettering.file().path());
      deadLetter(pending, e.getMessage(), e.attempts());
    } catch (LoglakeException e) {
      throw failedWhole(e, e.getMessage(), e.hint(), arriving);
    } catch (RuntimeException e) {
      // Unforeseen (a bug, a store's surprise): the records are still kept, never dropped.
      throw failedWhole(
          e,
          "Cannot write raw object " + store.location(key) + ": " + e,
          "this is unexpected; rerun with LOGLAKE_DEBUG=1 for the stack trace and report it",
          arriving);
    } finally {
      buffered = 0;
      bufferedRecords = 0;
      pending.clear();
    }
  }

  /**
   * Marks the sink failed for good and dead-letters the buffer's records and {@code arriving} (if
   * not null): the failure of the store as a whole.
   *
   * @return the exception to throw: the message, and the hint with where the records are
   */
  private LoglakeException failedWhole(
      RuntimeException failure, String message, String hint, LogRecord arriving) {
    failed = true;
    if (deadLettering == null) {
      return failure instanceof LoglakeException known
          ? known
          : new LoglakeException(message, hint, failure);
    }
    List<LogRecord> undelivered = new ArrayList<>(pending);
    if (arriving != null) {
      undelivered.add(arriving);
    }
    deadLetter(undelivered, message, 1);
    return new LoglakeException(
        message,
        hint
            + "; the "
            + deadLettered
            + (deadLettered == 1
                ? " record not delivered is in "
                : " records not delivered are in ")
            + deadLettering.file().path(),
        failure instanceof LoglakeException ? failure.getCause() : failure);
  }

  private void compress() {
    compressed.reset();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, GZIP_BUFFER_BYTES)) {
      gzip.write(buffer, 0, buffered);
    } catch (IOException e) {
      throw new UncheckedIOException("compressing into memory cannot fail", e);
    }
  }

  private void deadLetter(List<LogRecord> undelivered, String reason, int attempts) {
    try {
      for (LogRecord record : undelivered) {
        deadLettering.file().write(deadLettering.sinkName(), record, reason, attempts);
        deadLettered++;
      }
    } catch (LoglakeException e) {
      failed = true;
      throw e;
    }
  }

  private void requireUsable() {
    if (failed) {
      throw new IllegalStateException(
          "the sink for " + store.description() + " failed earlier and cannot be used");
    }
    if (closed) {
      throw new IllegalStateException("the sink for " + store.description() + " is closed");
    }
  }

  /** A byte array stream whose bytes can be handed to a store without a copy. */
  private static final class CompressedBytes extends ByteArrayOutputStream {
    CompressedBytes(int size) {
      super(size);
    }

    byte[] array() {
      return buf;
    }
  }
}
