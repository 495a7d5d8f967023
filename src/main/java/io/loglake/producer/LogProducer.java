package io.loglake.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs production: sends records to a sink, paced, until they run out, the time is up or a stop is
 * asked for, then closes the sink (delivering what it buffers).
 */
public final class LogProducer {
  /** How often a run reports progress: at most once in this interval. */
  public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

  private LogProducer() {}

  /**
   * When a run ends and how fast it goes.
   *
   * @param rate paces the sends
   * @param duration the longest the run may take; null for no limit
   * @param stop set (by a signal handler) to end the run after the record being sent
   * @param nanoClock the time, for the duration and progress
   */
  public record RunControl(
      RateLimiter rate, Duration duration, AtomicBoolean stop, LongSupplier nanoClock) {
    /** As fast as possible, until the records run out. */
    public static RunControl unpaced() {
      return new RunControl(RateLimiter.perSecond(0), null, new AtomicBoolean(), System::nanoTime);
    }
  }

  /**
   * Generates {@code records} records with the default services and level mix into a local raw zone
   * at {@code out} with Firehose's default layout and buffering. The same arguments give the same
   * objects, byte for byte and name for name.
   *
   * @param span how long the events take; {@link EventSchedule#defaultSpan} gives the seed's 5/s
   * @throws IllegalArgumentException for an invalid schedule (see {@link EventSchedule})
   * @throws io.loglake.LoglakeException if the raw zone cannot be written
   */
  public static ProduceSummary produceLocal(
      Path out, long records, long seed, Instant start, Duration span) {
    LogGenerator generator = new LogGenerator(seed, new EventSchedule(start, span, records));
    return produce(
        generator,
        LocalRawZoneSink.forGeneratedData(out, generator.runSeed()),
        ProgressListener.NONE);
  }

  /** {@link #produce(Iterator, RecordSink, RunControl, ProgressListener)}, unpaced. */
  public static ProduceSummary produce(
      Iterator<LogRecord> records, RecordSink sink, ProgressListener progress) {
    return produce(records, sink, RunControl.unpaced(), progress);
  }

  /**
   * Sends records of {@code records} to {@code sink} as {@code control} says and closes the sink,
   * also when sending fails; the sink's failure ({@link io.loglake.LoglakeException}) propagates.
   * While it waits for the rate, the sink is asked to {@linkplain RecordSink#deliverDue deliver}
   * what has waited long enough. {@code progress} hears at most once per {@link
   * #PROGRESS_INTERVAL}.
   */
  public static ProduceSummary produce(
      Iterator<LogRecord> records, RecordSink sink, RunControl control, ProgressListener progress) {
    LongSupplier clock = control.nanoClock();
    long started = clock.getAsLong();
    long deadline =
        control.duration() == null ? Long.MAX_VALUE : started + control.duration().toNanos();
    long interval = PROGRESS_INTERVAL.toNanos();
    long nextProgress = started + interval;
    boolean paced = !control.rate().unlimited();
    long sent = 0;
    try (sink) {
      while (!control.stop().get() && records.hasNext()) {
        control.rate().acquire(sink::deliverDue);
        if (control.stop().get()) {
          break;
        }
        long now = paced || (sent & 0xFF) == 0 ? clock.getAsLong() : started;
        if (now >= deadline) {
          break;
        }
        sink.send(records.next());
        sent++;
        if (now >= nextProgress) {
          nextProgress = now + interval;
          progress.onProgress(sent, sink.stats());
        }
      }
    }
    return new ProduceSummary(sent, sink.stats(), Duration.ofNanos(clock.getAsLong() - started));
  }
}
