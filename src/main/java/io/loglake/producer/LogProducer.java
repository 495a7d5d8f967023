package io.loglake.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;

/** Runs production: sends records to a sink until they run out, then closes it. */
public final class LogProducer {
  /** How often, in records, a run reports progress. */
  public static final long PROGRESS_EVERY = 1L << 16;

  private LogProducer() {}

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
    return produce(generator, LocalRawZoneSink.forGeneratedData(out, seed), ProgressListener.NONE);
  }

  /**
   * Sends every record of {@code records} to {@code sink} and closes the sink, also when sending
   * fails; the sink's failure ({@link io.loglake.LoglakeException}) propagates.
   */
  public static ProduceSummary produce(
      Iterator<LogRecord> records, RecordSink sink, ProgressListener progress) {
    long started = System.nanoTime();
    long sent = 0;
    try (sink) {
      while (records.hasNext()) {
        sink.send(records.next());
        sent++;
        if (sent % PROGRESS_EVERY == 0) {
          progress.onProgress(sent, sink.stats());
        }
      }
    }
    return new ProduceSummary(sent, sink.stats(), Duration.ofNanos(System.nanoTime() - started));
  }
}
