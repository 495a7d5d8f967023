package io.loglake.catalog;

import io.loglake.producer.BufferingHints;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProgressListener;
import io.loglake.schema.RawZoneLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Small generated raw zones for catalog tests: the producer's Firehose layout, but with a 15-minute
 * buffer interval so a day is ~100 objects rather than ~1,400 (fewer files keep the SerDe scans
 * fast).
 */
final class TestRawZones {
  private TestRawZones() {}

  static void produce(Path raw, long records, long seed, Instant start, Duration span) {
    BufferingHints hints = BufferingHints.DEFAULT.withInterval(Duration.ofMinutes(15));
    LogProducer.produce(
        new LogGenerator(seed, new EventSchedule(start, span, records)),
        LocalRawZoneSink.forGeneratedData(raw, RawZoneLayout.defaults(), hints, seed),
        ProgressListener.NONE);
  }
}
