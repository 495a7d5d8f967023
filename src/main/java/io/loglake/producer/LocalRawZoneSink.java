package io.loglake.producer;

import io.loglake.LoglakeException;
import io.loglake.schema.RawZoneLayout;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A raw zone on the local filesystem, written the way Kinesis Data Firehose delivers to S3: a
 * {@link RawZoneSink} (buffering by the {@link BufferingHints}, GZIP objects keyed by the {@link
 * RawZoneLayout} from the {@link ArrivalClock} time of each buffer's first record) over a {@link
 * LocalRawObjectStore} (hidden temporary file, then atomic rename, so readers never see a partial
 * object). An object name that already exists is replaced: rerunning a seeded run rewrites the same
 * objects.
 *
 * <p>Follows the {@link RecordSink} contract; failures are {@link LoglakeException}s naming the
 * file.
 */
public final class LocalRawZoneSink extends ForwardingSink {
  private final LocalRawObjectStore store;

  /**
   * @param root the raw zone's directory, created if missing
   * @param objectIds the UUIDs in object names, one per object
   * @throws LoglakeException if {@code root} cannot be created or is not a directory
   */
  public LocalRawZoneSink(
      Path root,
      RawZoneLayout layout,
      BufferingHints hints,
      ArrivalClock clock,
      Supplier<UUID> objectIds) {
    this(new LocalRawObjectStore(root), layout, hints, clock, objectIds);
  }

  private LocalRawZoneSink(
      LocalRawObjectStore store,
      RawZoneLayout layout,
      BufferingHints hints,
      ArrivalClock clock,
      Supplier<UUID> objectIds) {
    super(new RawZoneSink(store, layout, hints, clock, objectIds, null));
    this.store = store;
  }

  /**
   * A sink for generated data: records arrive at their event time and object names come from {@code
   * seed}, so the same records give the same objects, names included.
   *
   * @param seed the generator's {@link LogGenerator#runSeed()}, so that runs with other records
   *     (another start or span) get other object names and replace none of each other's objects
   */
  public static LocalRawZoneSink forGeneratedData(
      Path root, RawZoneLayout layout, BufferingHints hints, long seed) {
    return new LocalRawZoneSink(
        root, layout, hints, ArrivalClock.eventTime(), SeededUuids.forObjectNames(seed));
  }

  /**
   * {@link #forGeneratedData(Path, RawZoneLayout, BufferingHints, long)} with Firehose's defaults.
   */
  public static LocalRawZoneSink forGeneratedData(Path root, long seed) {
    return forGeneratedData(root, RawZoneLayout.defaults(), BufferingHints.DEFAULT, seed);
  }

  public Path root() {
    return store.root();
  }
}
