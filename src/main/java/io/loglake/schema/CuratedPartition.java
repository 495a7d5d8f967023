package io.loglake.schema;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One partition of the curated zone: the UTC date {@code dt} and hour {@code hr} of its records'
 * event time (the {@link LogSchema#PARTITION_COLUMNS}). Its folder, as Spark's Hive-style writer
 * names it and the run report lists it, is {@link #pathSegment()} {@code dt=YYYY-MM-DD/hr=H} (the
 * hour without a leading zero, as Spark writes an {@code int} partition value).
 *
 * <p>Ordered by time. {@link #EPOCH_HOUR_SQL} and {@link #ofEpochHour} are one numeric encoding of
 * the pair, for aggregating partitions in Spark without building strings per row.
 */
public record CuratedPartition(LocalDate dt, int hr) implements Comparable<CuratedPartition> {
  /**
   * The Spark SQL expression of a curated row's partition as hours since 1970-01-01T00:00Z ({@code
   * unix_date(dt) * 24 + hr}); {@link #ofEpochHour} turns its value back into the partition.
   */
  public static final String EPOCH_HOUR_SQL =
      "unix_date(" + LogSchema.DT + ") * 24 + " + LogSchema.HR;

  private static final Pattern SEGMENT = Pattern.compile("dt=(\\d{4}-\\d{2}-\\d{2})/hr=(\\d{1,2})");

  /**
   * @throws NullPointerException if {@code dt} is null
   * @throws IllegalArgumentException if {@code hr} is not 0 to 23
   */
  public CuratedPartition {
    Objects.requireNonNull(dt, "dt");
    if (hr < 0 || hr > 23) {
      throw new IllegalArgumentException("the hour of a curated partition is 0 to 23, got " + hr);
    }
  }

  /** The partition whose {@link #EPOCH_HOUR_SQL} is {@code epochHour}. */
  public static CuratedPartition ofEpochHour(long epochHour) {
    return new CuratedPartition(
        LocalDate.ofEpochDay(Math.floorDiv(epochHour, 24)), Math.floorMod(epochHour, 24));
  }

  /**
   * The partition named by {@code segment}, a {@link #pathSegment()} ({@code dt=YYYY-MM-DD/hr=H}; a
   * leading zero in the hour is accepted).
   *
   * @throws IllegalArgumentException if {@code segment} is not of that form or not a real date and
   *     hour
   */
  public static CuratedPartition parse(String segment) {
    Matcher m = segment == null ? null : SEGMENT.matcher(segment);
    if (m == null || !m.matches()) {
      throw notAPartition(segment, null);
    }
    try {
      return new CuratedPartition(LocalDate.parse(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (DateTimeException | IllegalArgumentException e) {
      throw notAPartition(segment, e);
    }
  }

  /** Hours since 1970-01-01T00:00Z: the value of {@link #EPOCH_HOUR_SQL} for this partition. */
  public long epochHour() {
    return dt.toEpochDay() * 24 + hr;
  }

  /** {@code dt=YYYY-MM-DD/hr=H}: the folder under the curated path, and the run report's name. */
  public String pathSegment() {
    return LogSchema.DT + "=" + dt + "/" + LogSchema.HR + "=" + hr;
  }

  @Override
  public int compareTo(CuratedPartition other) {
    return Long.compare(epochHour(), other.epochHour());
  }

  @Override
  public String toString() {
    return pathSegment();
  }

  private static IllegalArgumentException notAPartition(String segment, Exception cause) {
    return new IllegalArgumentException(
        "not a curated partition dt=YYYY-MM-DD/hr=H: '" + segment + "'", cause);
  }
}
