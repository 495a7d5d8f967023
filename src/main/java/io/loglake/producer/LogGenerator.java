package io.loglake.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic log records: the same config, seed and schedule give the same records,
 * byte for byte, on any machine. The random draws come from a {@linkplain #runSeed() run seed}
 * derived from the seed and the schedule (start, span and count, or start and spacing), so runs
 * that differ in any of them generate different records and never share an {@code event_id}.
 *
 * <p>Each record is one JSON object with, in this order: {@code timestamp} (UTC, milliseconds,
 * {@code Z}), {@code level}, {@code service}, {@code message} (one of a few realistic messages for
 * the service and level), {@code user_id} ({@code user_1}..{@code user_1000}), {@code ip} ({@code
 * 10.0.X.Y}) and {@code event_id} (a UUID; left out when the config says so, the other fields
 * staying the same). Event times follow the {@link EventSchedule}, or, for an endless generator, a
 * fixed spacing from a start. Not thread-safe.
 */
public final class LogGenerator implements Iterator<LogRecord> {
  private static final int USER_COUNT = 1000;

  private final SplittableRandom random;
  private final long runSeed;
  private final long records;
  private final long startMillis;
  private final long spacingMillis;
  private final long spacingRemainder;
  private final double infoThreshold;
  private final double warnThreshold;
  private final int serviceCount;
  private final List<String> services;
  private final boolean eventIds;

  /** For an endless generator, nanoseconds between records; 0 for a scheduled one. */
  private final long spacingNanos;

  /**
   * Per level, service and message: the pre-escaped JSON from the end of the timestamp value up to
   * the start of the user number, so a record costs a few appends.
   */
  private final String[][][] fragments;

  private final UtcTimestampFormatter timestamps = new UtcTimestampFormatter();
  private final StringBuilder json = new StringBuilder(256);
  private long index;
  private long offsetMillis;
  private long offsetRemainder;

  public LogGenerator(GeneratorConfig config, long seed, EventSchedule schedule) {
    this(
        config,
        runSeed(seed, schedule.startMillis(), schedule.spanMillis(), schedule.records()),
        schedule.records(),
        schedule.startMillis(),
        schedule.spanMillis() / schedule.records(),
        schedule.spanMillis() % schedule.records(),
        0);
  }

  /**
   * An endless generator: record {@code i} (from 0) happens at {@code start + i * spacing},
   * truncated to the millisecond.
   *
   * @param spacing positive, at least one nanosecond
   */
  public LogGenerator(GeneratorConfig config, long seed, Instant start, Duration spacing) {
    this(
        config,
        runSeed(seed, start.toEpochMilli(), requirePositive(spacing), Long.MAX_VALUE),
        Long.MAX_VALUE,
        start.toEpochMilli(),
        0,
        0,
        requirePositive(spacing));
  }

  private LogGenerator(
      GeneratorConfig config,
      long runSeed,
      long records,
      long startMillis,
      long spacingMillis,
      long spacingRemainder,
      long spacingNanos) {
    this.runSeed = runSeed;
    this.random = new SplittableRandom(runSeed);
    this.records = records;
    this.startMillis = startMillis;
    this.spacingMillis = spacingMillis;
    this.spacingRemainder = spacingRemainder;
    this.spacingNanos = spacingNanos;
    LevelWeights weights = config.levelWeights();
    this.infoThreshold = weights.probability(LogLevel.INFO);
    this.warnThreshold = infoThreshold + weights.probability(LogLevel.WARN);
    this.services = config.services();
    this.eventIds = config.eventIds();
    this.serviceCount = services.size();
    this.fragments = new String[LogLevel.values().length][serviceCount][];
    for (LogLevel level : LogLevel.values()) {
      for (int s = 0; s < serviceCount; s++) {
        List<String> messages = MessageCatalog.messages(services.get(s), level);
        String[] forService = new String[messages.size()];
        for (int m = 0; m < forService.length; m++) {
          forService[m] = fragment(level, services.get(s), messages.get(m));
        }
        fragments[level.ordinal()][s] = forService;
      }
    }
  }

  /** The default services and level mix. */
  public LogGenerator(long seed, EventSchedule schedule) {
    this(GeneratorConfig.defaults(), seed, schedule);
  }

  /**
   * The seed the records are drawn from, derived from the seed and the schedule: what else a run
   * draws (object names) is seeded from it too, so that distinct runs do not collide there either.
   */
  public long runSeed() {
    return runSeed;
  }

  @Override
  public boolean hasNext() {
    return index < records;
  }

  @Override
  public LogRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("all " + records + " records have been generated");
    }
    long eventTime =
        spacingNanos > 0 ? startMillis + endlessOffsetMillis() : startMillis + offsetMillis;
    advanceTime();
    index++;

    double levelDraw = random.nextDouble();
    LogLevel level =
        levelDraw < infoThreshold
            ? LogLevel.INFO
            : levelDraw < warnThreshold ? LogLevel.WARN : LogLevel.ERROR;
    int service = random.nextInt(serviceCount);
    String[] messages = fragments[level.ordinal()][service];
    String fragment = messages[random.nextInt(messages.length)];

    json.setLength(0);
    json.append("{\"timestamp\":\"");
    timestamps.append(json, eventTime);
    json.append(fragment)
        .append(1 + random.nextInt(USER_COUNT))
        .append("\",\"ip\":\"10.0.")
        .append(random.nextInt(256))
        .append('.')
        .append(1 + random.nextInt(254));
    if (eventIds) {
      json.append("\",\"event_id\":\"");
      SeededUuids.appendNext(json, random);
    } else {
      // Drawn all the same, so that the records without an event_id equal those with one.
      random.nextLong();
      random.nextLong();
    }
    json.append("\"}");
    return new LogRecord(eventTime, json.toString(), services.get(service), eventTime);
  }

  /** Mixes the run's parameters into one seed (SplitMix64's finalizer after each). */
  private static long runSeed(long seed, long startMillis, long spanOrSpacing, long records) {
    long mixed = mix(seed);
    for (long part : new long[] {startMillis, spanOrSpacing, records}) {
      mixed = mix(mixed ^ mix(part + 0x9e3779b97f4a7c15L));
    }
    return mixed;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** {@code index * spacing} in milliseconds (overflows only after centuries of records). */
  private long endlessOffsetMillis() {
    return index * spacingNanos / 1_000_000L;
  }

  private static long requirePositive(Duration spacing) {
    if (spacing == null || spacing.isNegative() || spacing.isZero()) {
      throw new IllegalArgumentException("the spacing must be positive, got " + spacing);
    }
    return spacing.toNanos();
  }

  /** Steps the offset by span / records exactly, carrying the remainder, with no overflow. */
  private void advanceTime() {
    offsetMillis += spacingMillis;
    offsetRemainder += spacingRemainder;
    if (offsetRemainder >= records) {
      offsetRemainder -= records;
      offsetMillis++;
    }
  }

  private static String fragment(LogLevel level, String service, String message) {
    StringBuilder out = new StringBuilder("\",\"level\":\"").append(level.name());
    out.append("\",\"service\":\"");
    JsonStrings.appendEscaped(out, service);
    out.append("\",\"message\":\"");
    JsonStrings.appendEscaped(out, message);
    return out.append("\",\"user_id\":\"user_").toString();
  }
}
