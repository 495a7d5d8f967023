package io.loglake.producer;

/**
 * Where a {@link RawZoneSink} puts its objects: a local folder ({@link LocalRawObjectStore}) or an
 * S3 bucket ({@link S3RawObjectStore}). Keys are the {@link io.loglake.schema.RawZoneLayout}'s
 * relative keys ({@code YYYY/MM/DD/HH/<name>.gz}); the store decides where they live.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #put} writes a whole object atomically: a reader sees no object or all of it, never
 *       part of one. An object already under the key is replaced.
 *   <li>A failure of this one object that the store's own bounded retries did not cure (a dropped
 *       connection, a 5xx, throttling) is an {@link ObjectNotWrittenException}: later objects may
 *       still be written.
 *   <li>A failure that later objects would meet as well (a missing bucket, denied access, an
 *       unwritable folder) is an {@link io.loglake.LoglakeException} reading "Cannot write raw
 *       object &lt;location&gt;: &lt;reason&gt;", with a hint saying what to do.
 *   <li>Not thread-safe: one sink uses a store.
 * </ul>
 */
public interface RawObjectStore extends AutoCloseable {
  /**
   * Writes {@code length} bytes of {@code data} as the object {@code key}.
   *
   * @return how many attempts it took: 1 when the first one succeeded
   * @throws ObjectNotWrittenException if this object could not be written, retries included
   * @throws io.loglake.LoglakeException if the store cannot take objects at all
   */
  int put(String key, byte[] data, int length);

  /** Where the object {@code key} is or would be, for messages: a path or an {@code s3://} URI. */
  String location(String key);

  /** The store as a whole, for messages: the root folder or {@code s3://bucket/prefix}. */
  String description();

  /** Releases the store's resources (an HTTP client); closing twice is harmless. */
  @Override
  void close();

  /** One object was not written after every attempt; the store may still take others. */
  final class ObjectNotWrittenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    public ObjectNotWrittenException(String reason, int attempts, Throwable cause) {
      super(reason, cause);
      this.attempts = attempts;
    }

    /** Attempts made, the first included. */
    public int attempts() {
      return attempts;
    }
  }
}
