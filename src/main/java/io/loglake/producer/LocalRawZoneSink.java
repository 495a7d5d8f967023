package io.loglake.producer;

import io.loglake.LoglakeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * A raw zone on the local filesystem, written the way Kinesis Data Firehose delivers to S3: records
 * (each newline-terminated) are buffered in memory and delivered as one GZIP object per buffer, by
 * the {@link BufferingHints}, named and placed by the {@link RawZoneLayout} from the {@link
 * ArrivalClock} time of the buffer's first record.
 *
 * <p>An object holds at most {@code sizeBytes} of uncompressed records, except that a single larger
 * record gets an object to itself. Each object is written to a hidden temporary file ({@code
 * .<name>.tmp}, skipped by Spark and Hive) in its folder and then atomically renamed, so readers
 * never see a partial object. (Without fsync: a power loss may lose recent objects, a process crash
 * cannot tear one.) An object name that already exists is replaced: rerunning a seeded run rewrites
 * the same objects.
 *
 * <p>Follows the {@link RecordSink} contract; failures are {@link LoglakeException}s naming the
 * file.
 */
public final class LocalRawZoneSink implements RecordSink {
  private static final int GZIP_BUFFER_BYTES = 1 << 16;
  private static final int INITIAL_BUFFER_BYTES = 1 << 20;

  private final Path root;
  private final RawZoneLayout layout;
  private final long sizeLimit;
  private final long intervalMillis;
  private final ArrivalClock clock;
  private final Supplier<UUID> objectIds;

  private byte[] buffer;
  private int buffered;
  private long bufferedRecords;
  private long firstArrivalMillis;
  private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
  private Path lastFolder;

  private long records;
  private long objects;
  private long bytes;
  private long storedBytes;
  private boolean closed;
  private boolean failed;

  /**
   * @param root the raw zone's directory, created if missing
   * @param objectIds the UUIDs in object names, one per object
   * @throws LoglakeException if {@code root} cannot be created or is not a directory
   */
  public LocalRawZoneSink(
      Path root,
      RawZoneLayout layout,
      BufferingHints hints,
      ArrivalClock clock,
      Supplier<UUID> objectIds) {
    this.root = root;
    this.layout = layout;
    this.sizeLimit = hints.sizeBytes();
    this.intervalMillis = hints.interval().toMillis();
    this.clock = clock;
    this.objectIds = objectIds;
    this.buffer = new byte[(int) Math.min(sizeLimit, INITIAL_BUFFER_BYTES)];
    createRoot(root);
  }

  /**
   * A sink for generated data: records arrive at their event time and object names come from {@code
   * seed}, so the same records give the same objects, names included.
   */
  public static LocalRawZoneSink forGeneratedData(
      Path root, RawZoneLayout layout, BufferingHints hints, long seed) {
    return new LocalRawZoneSink(
        root, layout, hints, ArrivalClock.eventTime(), SeededUuids.forObjectNames(seed));
  }

  /**
   * {@link #forGeneratedData(Path, RawZoneLayout, BufferingHints, long)} with Firehose's defaults.
   */
  public static LocalRawZoneSink forGeneratedData(Path root, long seed) {
    return forGeneratedData(root, RawZoneLayout.defaults(), BufferingHints.DEFAULT, seed);
  }

  public Path root() {
    return root;
  }

  @Override
  public void send(LogRecord record) {
    requireUsable();
    long arrival = clock.arrivalMillis(record);
    byte[] line = record.json().getBytes(StandardCharsets.UTF_8);
    long lineBytes = line.length + 1L;
    if (buffered > 0
        && (arrival - firstArrivalMillis >= intervalMillis || buffered + lineBytes > sizeLimit)) {
      deliverBuffer();
    }
    if (buffered == 0) {
      firstArrivalMillis = arrival;
    }
    append(line);
    bufferedRecords++;
    if (buffered >= sizeLimit) {
      deliverBuffer();
    }
  }

  @Override
  public void flush() {
    requireUsable();
    if (buffered > 0) {
      deliverBuffer();
    }
  }

  @Override
  public SinkStats stats() {
    return new SinkStats(records, objects, bytes, storedBytes);
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
      buffer = new byte[0];
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

  private void deliverBuffer() {
    Path folder = root.resolve(layout.folder(firstArrivalMillis));
    String name = layout.objectName(firstArrivalMillis, objectIds.get());
    Path target = folder.resolve(name);
    Path temporary = folder.resolve("." + name + ".tmp");
    try {
      compressed.reset();
      try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, GZIP_BUFFER_BYTES)) {
        gzip.write(buffer, 0, buffered);
      }
      if (!folder.equals(lastFolder)) {
        Files.createDirectories(folder);
        lastFolder = folder;
      }
      try (OutputStream out = Files.newOutputStream(temporary)) {
        compressed.writeTo(out);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      failed = true;
      deleteQuietly(temporary);
      throw new LoglakeException(
          "Cannot write raw object " + target + ": " + describe(e),
          "check that " + root + " is writable and its disk has space",
          e);
    }
    records += bufferedRecords;
    objects++;
    bytes += buffered;
    storedBytes += compressed.size();
    buffered = 0;
    bufferedRecords = 0;
  }

  private void requireUsable() {
    if (failed) {
      throw new IllegalStateException(
          "the sink for " + root + " failed earlier and cannot be used");
    }
    if (closed) {
      throw new IllegalStateException("the sink for " + root + " is closed");
    }
  }

  private static void createRoot(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot create raw zone directory " + root + ": " + describe(e),
          Files.isRegularFile(root)
              ? "it is a file: pass a directory (existing or new) as the output"
              : "check that the parent directory exists and is writable",
          e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // The failure being reported matters more; a hidden temporary file is skipped by readers.
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }
}
