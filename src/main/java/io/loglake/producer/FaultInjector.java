package io.loglake.producer;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Makes a stream of generated records imperfect the way real pipelines see them, to test what is
 * downstream. Each record is, independently and with the given probabilities:
 *
 * <ul>
 *   <li><b>late</b>: its {@code timestamp} is moved 1 to 6 hours earlier (whole seconds kept),
 *       while it is still sent when due, so it lands in a later hour folder than its event time;
 *   <li><b>malformed</b>: cut short at a random point, so the line is not valid JSON;
 *   <li><b>duplicated</b>: sent again, unchanged (same {@code event_id}), 1 to 50 records later, as
 *       a retried delivery would. Duplicates are extra records on top of those generated.
 * </ul>
 *
 * The same seed gives the same faults. Counts of each are kept. Not thread-safe.
 */
public final class FaultInjector implements Iterator<LogRecord> {
  private static final long HOUR_MILLIS = 3_600_000L;

  /** {@code {"timestamp":"} — the generator's records start so; the value is 24 characters. */
  private static final String TIMESTAMP_PREFIX = "{\"timestamp\":\"";

  private static final int TIMESTAMP_LENGTH = 24;

  private final Iterator<LogRecord> records;
  private final Faults faults;
  private final SplittableRandom random;
  private final UtcTimestampFormatter timestamps = new UtcTimestampFormatter();
  private final ArrayDeque<long[]> dueDuplicates = new ArrayDeque<>();
  private final ArrayDeque<LogRecord> duplicates = new ArrayDeque<>();
  private long index;
  private long late;
  private long malformed;
  private long duplicated;

  public FaultInjector(Iterator<LogRecord> records, Faults faults, long seed) {
    this.records = records;
    this.faults = faults;
    this.random = new SplittableRandom(seed ^ 0x6661756c74730aL);
  }

  @Override
  public boolean hasNext() {
    return records.hasNext() || !duplicates.isEmpty();
  }

  @Override
  public LogRecord next() {
    if (!duplicates.isEmpty() && (dueDuplicates.peek()[0] <= index || !records.hasNext())) {
      dueDuplicates.poll();
      duplicated++;
      return duplicates.poll();
    }
    if (!records.hasNext()) {
      throw new NoSuchElementException("no records left");
    }
    LogRecord record = records.next();
    index++;
    if (faults.lateFraction() > 0 && random.nextDouble() < faults.lateFraction()) {
      record = late(record);
    }
    if (faults.malformedFraction() > 0 && random.nextDouble() < faults.malformedFraction()) {
      malformed++;
      String json = record.json();
      record =
          record.withJson(
              record.eventTimeMillis(), json.substring(0, 1 + random.nextInt(json.length() - 1)));
    } else if (faults.duplicateFraction() > 0 && random.nextDouble() < faults.duplicateFraction()) {
      dueDuplicates.add(new long[] {index + 1 + random.nextInt(50)});
      duplicates.add(record);
    }
    return record;
  }

  /** Late, malformed and duplicated records so far. */
  public FaultCounts counts() {
    return new FaultCounts(late, malformed, duplicated);
  }

  private LogRecord late(LogRecord record) {
    String json = record.json();
    if (!json.startsWith(TIMESTAMP_PREFIX)) {
      return record;
    }
    late++;
    long eventTime =
        record.eventTimeMillis()
            - (1 + random.nextInt(6)) * HOUR_MILLIS
            - random.nextInt(3_600) * 1000L;
    StringBuilder out = new StringBuilder(json.length()).append(TIMESTAMP_PREFIX);
    timestamps.append(out, eventTime);
    out.append(json, TIMESTAMP_PREFIX.length() + TIMESTAMP_LENGTH, json.length());
    return record.withJson(eventTime, out.toString());
  }

  /** How often each fault happens; each 0 to 1. */
  public record Faults(double lateFraction, double duplicateFraction, double malformedFraction) {
    public static final Faults NONE = new Faults(0, 0, 0);

    public Faults {
      requireFraction("late", lateFraction);
      requireFraction("duplicate", duplicateFraction);
      requireFraction("malformed", malformedFraction);
    }

    public boolean any() {
      return lateFraction > 0 || duplicateFraction > 0 || malformedFraction > 0;
    }

    private static void requireFraction(String what, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(
            "the " + what + " fraction must be between 0 and 1, got " + value);
      }
    }
  }

  /** Records made late, malformed, and duplicates sent. */
  public record FaultCounts(long late, long malformed, long duplicated) {
    public static final FaultCounts NONE = new FaultCounts(0, 0, 0);
  }
}
