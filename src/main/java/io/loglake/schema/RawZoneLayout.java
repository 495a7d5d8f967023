package io.loglake.schema;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw zone's layout, defined once: Kinesis Data Firehose's S3 object keys {@code
 * YYYY/MM/DD/HH/<stream>-1-<yyyy-MM-dd-HH-mm-ss>-<uuid>.gz}, where the hour folder and the time are
 * the UTC arrival time of the object's first record and {@code 1} is the delivery stream version.
 *
 * <p>The producer's sinks name objects with an instance ({@link #objectKey}); the crawler finds the
 * hour folders ({@link #HOUR_FOLDER_GLOB}) and reads them back ({@link #hourOf}). Every folder
 * {@link #folder} names (for an arrival in the years 0 to 9999) is one {@link #hourOf} accepts, for
 * the same hour.
 */
public final class RawZoneLayout {
  public static final String DEFAULT_STREAM_NAME = "realtime-log-stream";

  /** Firehose's rule for delivery stream names: 1–64 of letters, digits, '_', '.', '-'. */
  private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /**
   * The hour folders below the root, as a Hadoop glob: four levels, year, month, day and hour. What
   * it matches is not necessarily an hour folder: {@link #hourOf} says.
   */
  public static final String HOUR_FOLDER_GLOB = "*/*/*/*";

  /** Names of the four folder levels: a four-digit year, then two digits each. */
  private static final Pattern HOUR_FOLDER = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})");

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
   * The UTC hour that an hour folder stands for, from its four names outermost first ({@code
   * ["2025", "11", "09", "10"]} is 2025-11-09T10:00Z); empty when they are not {@code
   * YYYY/MM/DD/HH} (digits of those widths, a real date and an hour of 00 to 23).
   */
  public static Optional<Instant> hourOf(List<String> folderNames) {
    if (folderNames.size() != 4) {
      return Optional.empty();
    }
    Matcher m = HOUR_FOLDER.matcher(String.join("/", folderNames));
    if (!m.matches()) {
      return Optional.empty();
    }
    int hour = Integer.parseInt(m.group(4));
    if (hour > 23) {
      return Optional.empty();
    }
    try {
      LocalDate day =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      return Optional.of(day.atTime(hour, 0).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
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
