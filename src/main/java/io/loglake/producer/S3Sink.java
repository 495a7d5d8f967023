package io.loglake.producer;

import io.loglake.schema.RawZoneLayout;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The raw zone in an S3 bucket, for users without Firehose: the local sink's buffering, layout and
 * naming (a {@link RawZoneSink}), with each object put to S3 by an {@link S3RawObjectStore}.
 * Objects that cannot be written after the store's retries have their records written to the {@link
 * DeadLetterFile} and counted, and the run goes on; a failure of the bucket as a whole (missing,
 * access denied) dead-letters the undelivered records and throws.
 *
 * <p>Follows the {@link RecordSink} contract.
 */
public final class S3Sink extends ForwardingSink {
  public static final String SINK_NAME = "s3";

  private final S3RawObjectStore store;

  public S3Sink(
      S3RawObjectStore store,
      RawZoneLayout layout,
      BufferingHints hints,
      ArrivalClock clock,
      Supplier<UUID> objectIds,
      DeadLetterFile deadLetters,
      Consumer<String> notices) {
    super(
        new RawZoneSink(
            store,
            layout,
            hints,
            clock,
            objectIds,
            new RawZoneSink.DeadLettering(deadLetters, SINK_NAME, notices)));
    this.store = store;
  }

  /**
   * A sink for generated data, as {@link LocalRawZoneSink#forGeneratedData}: records arrive at
   * their event time and object names come from {@code seed}, so rerunning a seeded run puts the
   * same objects again under the same keys.
   *
   * @param seed the generator's {@link LogGenerator#runSeed()}
   */
  public static S3Sink forGeneratedData(
      S3RawObjectStore store,
      RawZoneLayout layout,
      BufferingHints hints,
      long seed,
      DeadLetterFile deadLetters,
      Consumer<String> notices) {
    return new S3Sink(
        store,
        layout,
        hints,
        ArrivalClock.eventTime(),
        SeededUuids.forObjectNames(seed),
        deadLetters,
        notices);
  }

  /** {@code s3://bucket/prefix}. */
  public String destination() {
    return store.description();
  }
}
