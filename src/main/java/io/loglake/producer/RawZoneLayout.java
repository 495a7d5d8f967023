package io.loglake.producer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Kinesis Data Firehose's S3 object keys: {@code
 * YYYY/MM/DD/HH/<stream>-1-<yyyy-MM-dd-HH-mm-ss>-<uuid>.gz}, where the folder and the time are the
 * UTC arrival time of the object's first record and {@code 1} is the delivery stream version.
 * Shared by every sink that writes a raw zone.
 */
public final class RawZoneLayout {
  public static final String DEFAULT_STREAM_NAME = "realtime-log-stream";

  /** Firehose's rule for delivery stream names: 1–64 of letters, digits, '_', '.', '-'. */
  private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private static final String STREAM_VERSION = "1";
  private static final DateTimeFormatter FOLDER =
      DateTimeFormatter.ofPattern("uuuu/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

  private final String streamName;

  /**
   * @throws IllegalArgumentException if {@code streamName} is not a valid Firehose stream name, or
   *     starts with '.' or '_' (Spark and Hive would then skip every object as hidden)
   */
  public RawZoneLayout(String streamName) {
    if (streamName == null || !STREAM_NAME.matcher(streamName).matches()) {
      throw new IllegalArgumentException(
          "the stream name must be 1 to 64 letters, digits, '_', '.' or '-', got '"
              + streamName
              + "'");
    }
    if (streamName.startsWith(".") || streamName.startsWith("_")) {
      throw new IllegalArgumentException(
          "the stream name must not start with '.' or '_' (Spark would ignore its objects), got '"
              + streamName
              + "'");
    }
    this.streamName = streamName;
  }

  public static RawZoneLayout defaults() {
    return new RawZoneLayout(DEFAULT_STREAM_NAME);
  }

  public String streamName() {
    return streamName;
  }

  /** {@code YYYY/MM/DD/HH} of {@code arrivalMillis} in UTC. */
  public String folder(long arrivalMillis) {
    return FOLDER.format(Instant.ofEpochMilli(arrivalMillis));
  }

  /**
   * {@code <stream>-1-<yyyy-MM-dd-HH-mm-ss>-<id>.gz} for an object whose first record arrived then.
   */
  public String objectName(long arrivalMillis, UUID id) {
    return streamName
        + '-'
        + STREAM_VERSION
        + '-'
        + NAME_TIME.format(Instant.ofEpochMilli(arrivalMillis))
        + '-'
        + id
        + ".gz";
  }

  /** {@link #folder} and {@link #objectName} joined by '/'. */
  public String objectKey(long arrivalMillis, UUID id) {
    return folder(arrivalMillis) + '/' + objectName(arrivalMillis, id);
  }
}
