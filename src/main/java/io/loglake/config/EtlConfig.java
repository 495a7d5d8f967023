package io.loglake.config;

import io.loglake.catalog.TableName;
import java.time.Duration;
import java.util.Set;

/**
 * Everything one ETL run needs, validated when built. Built by name ({@link #builder()}) from the
 * command line (or Glue arguments) by the CLI; the job never reads arguments or the environment
 * itself. Every default of a run is declared here once, and {@code loglake etl}'s option defaults
 * are these.
 */
public final class EtlConfig {
  /** The raw table {@code --table} reads when given no name (the seed's crawler table). */
  public static final String DEFAULT_TABLE = "logs_db.raw_logs";

  /** The table the written partitions are registered in unless told otherwise. */
  public static final String DEFAULT_CURATED_TABLE = "logs_analytics.app_logs_curated";

  /** The levels kept, already normalised (comma-separated, as {@code --levels} takes them). */
  public static final String DEFAULT_LEVELS = "WARN,ERROR";

  /** The size above which a curated partition is split into several files, as written. */
  public static final String DEFAULT_TARGET_FILE_SIZE = "128m";

  public static final long DEFAULT_TARGET_FILE_BYTES = ByteSize.parse(DEFAULT_TARGET_FILE_SIZE);

  /**
   * The raw line limit as written: 1 MiB, above a Firehose record's maximum (1,000 KiB), far below
   * a task's memory.
   */
  public static final String DEFAULT_MAX_LINE_SIZE = "1m";

  public static final int DEFAULT_MAX_LINE_BYTES = (int) ByteSize.parse(DEFAULT_MAX_LINE_SIZE);

  public static final int MIN_MAX_LINE_BYTES = 1 << 10;
  public static final int MAX_MAX_LINE_BYTES = 1 << 30;

  /**
   * How far apart in event time two copies of a record (same dedupe key) may be for a later run to
   * skip the second one as already in the table, as written ({@code --dedupe-window}); 0 turns
   * cross-run dedupe off.
   */
  public static final String DEFAULT_DEDUPE_WINDOW = "24h";

  public static final Duration DEFAULT_DEDUPE_WINDOW_DURATION = Duration.ofHours(24);

  /**
   * The longest dedupe window: a run reads every partition within the window of those it writes, so
   * 30 days is already 1,441 hours read around each hour written.
   */
  public static final Duration MAX_DEDUPE_WINDOW = Duration.ofDays(30);

  /** The smallest target file size a run accepts. */
  public static final long MIN_TARGET_FILE_BYTES = 1 << 20;

  /**
   * The folder the quarantine goes to when none is given: this name beside the curated folder (see
   * {@link #defaultQuarantinePath}).
   */
  public static final String DEFAULT_QUARANTINE_FOLDER = "_quarantine";

  /**
   * The folder an incremental run's progress state goes to when none is given: this name beside the
   * curated folder (see {@link #defaultStatePath}). Beside, not inside: an Iceberg table's
   * orphan-file removal deletes whatever under its location its metadata does not name, and a
   * crawler or {@code MSCK REPAIR} pointed at the curated folder must find only data.
   */
  public static final String DEFAULT_STATE_FOLDER = "_loglake_state";

  /**
   * How far before the newest hour folder already processed an incremental run lists, as written:
   * above Firehose's longest buffer (900 s) plus a delivery that retried for two hours.
   */
  public static final String DEFAULT_LOOKBACK_TEXT = "3h";

  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(3);

  /** The curated table's format unless told otherwise, as written ({@code --format}). */
  public static final String DEFAULT_FORMAT_TEXT = "parquet";

  public static final TableFormat DEFAULT_FORMAT = TableFormat.parse(DEFAULT_FORMAT_TEXT);

  /**
   * How long an Iceberg snapshot is kept after a newer one replaced it, as written ({@code
   * --snapshot-retention}): far longer than any query or stream batch reads one snapshot.
   */
  public static final String DEFAULT_SNAPSHOT_RETENTION_TEXT = "5d";

  public static final Duration DEFAULT_SNAPSHOT_RETENTION = Duration.ofDays(5);

  /** The newest Iceberg snapshots never expired, whatever their age. */
  public static final int DEFAULT_RETAIN_LAST_SNAPSHOTS = 10;

  /**
   * How old a file under an Iceberg table that no snapshot names must be before it is deleted as an
   * orphan, as written ({@code --orphan-retention}): longer than any write takes between writing
   * its data files and committing them (a younger "orphan" may be a write in progress).
   */
  public static final String DEFAULT_ORPHAN_RETENTION_TEXT = "3d";

  public static final Duration DEFAULT_ORPHAN_RETENTION = Duration.ofDays(3);

  /** Where a run's metrics go besides its report ({@code --metrics}): nowhere. */
  public static final String DEFAULT_METRICS_TEXT = "none";

  public static final MetricsTarget DEFAULT_METRICS = MetricsTarget.parse(DEFAULT_METRICS_TEXT);

  private final String rawPath;
  private final TableName table;
  private final String curatedPath;
  private final String quarantinePath;
  private final Set<String> levels;
  private final String reportPath;
  private final long targetFileBytes;
  private final TableName curatedTable;
  private final EventTimeRange eventTimeRange;
  private final int maxLineBytes;
  private final Duration dedupeWindow;
  private final boolean incremental;
  private final String statePath;
  private final Duration lookback;
  private final TableFormat format;
  private final boolean compact;
  private final Duration snapshotRetention;
  private final int retainLastSnapshots;
  private final Duration orphanRetention;
  private final MetricsTarget metrics;
  private final PiiConfig pii;
  private final QualityConfig quality;

  EtlConfig(EtlConfigBuilder b) {
    if ((b.rawPath == null) == (b.table == null)) {
      throw new IllegalArgumentException("exactly one of a raw path and a table must be given");
    }
    if (b.curatedPath == null || b.curatedPath.isBlank()) {
      throw new IllegalArgumentException("a curated path is required");
    }
    LogLevels.check(b.levels);
    if (b.targetFileBytes < MIN_TARGET_FILE_BYTES) {
      throw new IllegalArgumentException(
          "target file size must be at least 1 MiB, got " + b.targetFileBytes);
    }
    if (b.maxLineBytes < MIN_MAX_LINE_BYTES || b.maxLineBytes > MAX_MAX_LINE_BYTES) {
      throw new IllegalArgumentException(
          "the line limit must be between 1k and 1g, got " + b.maxLineBytes);
    }
    if (b.eventTimeRange == null) {
      throw new IllegalArgumentException("an event-time range is required");
    }
    if (b.dedupeWindow == null
        || b.dedupeWindow.isNegative()
        || b.dedupeWindow.compareTo(MAX_DEDUPE_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "the dedupe window must be between 0 and 30 days, got " + b.dedupeWindow);
    }
    if (b.incremental && b.rawPath == null) {
      throw new IllegalArgumentException(
          "an incremental run reads a raw path (the raw zone's root), not a table");
    }
    if (b.lookback == null || b.lookback.isNegative()) {
      throw new IllegalArgumentException("the lookback must be 0 or more, got " + b.lookback);
    }
    if (b.format == null) {
      throw new IllegalArgumentException("a table format is required");
    }
    if (b.pii == null) {
      throw new IllegalArgumentException("a PII setting is required (PiiConfig.NONE: none)");
    }
    if (b.metrics == null) {
      throw new IllegalArgumentException("a metrics target is required (none: no metrics)");
    }
    if (b.format == TableFormat.ICEBERG && b.curatedTable == null) {
      throw new IllegalArgumentException(
          "an Iceberg table is its catalog entry: it cannot be written without registering it"
              + " (drop --no-register, or use --format parquet)");
    }
    this.rawPath = b.rawPath;
    this.table = b.table;
    this.curatedPath = b.curatedPath;
    this.quarantinePath =
        b.quarantinePath == null || b.quarantinePath.isBlank()
            ? defaultQuarantinePath(b.curatedPath)
            : b.quarantinePath;
    this.levels = Set.copyOf(b.levels);
    this.reportPath = b.reportPath;
    this.targetFileBytes = b.targetFileBytes;
    this.curatedTable = b.curatedTable;
    this.eventTimeRange = b.eventTimeRange;
    this.maxLineBytes = b.maxLineBytes;
    this.dedupeWindow = b.dedupeWindow;
    this.incremental = b.incremental;
    this.statePath =
        b.statePath == null || b.statePath.isBlank()
            ? defaultStatePath(b.curatedPath)
            : b.statePath;
    this.lookback = b.lookback;
    this.format = b.format;
    this.compact = b.compact;
    this.snapshotRetention = b.snapshotRetention;
    this.retainLastSnapshots = b.retainLastSnapshots;
    this.orphanRetention = b.orphanRetention;
    this.metrics = b.metrics;
    this.pii = b.pii;
    this.quality = b.quality;
    compaction();
  }

  /**
   * A builder holding every default: levels {@link #DEFAULT_LEVELS}, target file size {@link
   * #DEFAULT_TARGET_FILE_SIZE}, line limit {@link #DEFAULT_MAX_LINE_SIZE}, event times {@link
   * EventTimeRange#DEFAULT}, dedupe window {@link #DEFAULT_DEDUPE_WINDOW}, registration in {@link
   * #DEFAULT_CURATED_TABLE}, the quarantine beside the curated folder, the report printed, not
   * incremental (state beside the curated folder, lookback {@link #DEFAULT_LOOKBACK_TEXT}), format
   * {@link #DEFAULT_FORMAT_TEXT}, compaction on (retentions {@link
   * #DEFAULT_SNAPSHOT_RETENTION_TEXT} keeping the last {@link #DEFAULT_RETAIN_LAST_SNAPSHOTS}
   * snapshots, orphans {@link #DEFAULT_ORPHAN_RETENTION_TEXT}), metrics {@link
   * #DEFAULT_METRICS_TEXT}, no PII masking ({@link PiiConfig#NONE}). A raw path or a table, and a
   * curated path, must be set.
   */
  public static EtlConfigBuilder builder() {
    return new EtlConfigBuilder();
  }

  /** The raw zone to read, or null when reading {@link #table()}. */
  public String rawPath() {
    return rawPath;
  }

  /** The catalog table to read the files of, or null when reading {@link #rawPath()}. */
  public TableName table() {
    return table;
  }

  /** Where the curated Parquet goes. */
  public String curatedPath() {
    return curatedPath;
  }

  /** Where quarantined records go: as given, else {@link #defaultQuarantinePath} of curated. */
  public String quarantinePath() {
    return quarantinePath;
  }

  /** The normalised levels to keep. */
  public Set<String> levels() {
    return levels;
  }

  /**
   * A curated row is skipped when the table already holds a row with its dedupe key whose event
   * time is at most this far from its own; {@link Duration#ZERO}: no cross-run dedupe.
   */
  public Duration dedupeWindow() {
    return dedupeWindow;
  }

  /** Where the JSON run report goes, or null to print it. */
  public String reportPath() {
    return reportPath;
  }

  /** The size above which a partition is split into several files. */
  public long targetFileBytes() {
    return targetFileBytes;
  }

  /**
   * The catalog table the written partitions are registered in after the run, or null to register
   * nothing.
   */
  public TableName curatedTable() {
    return curatedTable;
  }

  /** The event times kept; others are quarantined as {@code timestamp_out_of_range}. */
  public EventTimeRange eventTimeRange() {
    return eventTimeRange;
  }

  /**
   * A raw line longer than this goes to the quarantine as {@code line_too_long} (unless it can be
   * cut between two objects), read without ever being held whole.
   */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /**
   * True when the run reads only the raw objects no earlier successful run read, keeping its
   * progress in {@link #statePath()}.
   */
  public boolean incremental() {
    return incremental;
  }

  /** Where an incremental run's checkpoints go: as given, else {@link #defaultStatePath}. */
  public String statePath() {
    return statePath;
  }

  /** How many hours before the newest hour folder already processed an incremental run lists. */
  public Duration lookback() {
    return lookback;
  }

  /**
   * The curated table's format: Hive-style Parquet folders, or an Iceberg table (which is then
   * always registered: {@link #curatedTable()} is not null).
   */
  public TableFormat format() {
    return format;
  }

  /**
   * True when an incremental run compacts, after its write, the partitions that have just passed
   * the lateness window ({@code --no-compact} turns it off).
   */
  public boolean compact() {
    return compact;
  }

  /** What a compaction of this run's curated zone uses (the retentions are Iceberg's). */
  public CompactionSettings compaction() {
    return new CompactionSettings(
        curatedPath,
        curatedTable,
        format,
        statePath,
        targetFileBytes,
        snapshotRetention,
        retainLastSnapshots,
        orphanRetention);
  }

  /** Where the run's metrics go besides its report ({@code --metrics}). */
  public MetricsTarget metrics() {
    return metrics;
  }

  /** What the curated rows written have masked ({@code --mask-ip}, {@code --hash-user-id}). */
  public PiiConfig pii() {
    return pii;
  }

  /** The data-quality check after the run ({@code --check}), or null for none (the default). */
  public QualityConfig quality() {
    return quality;
  }

  /**
   * The name the run's metrics carry as their {@code table} dimension: the curated table it
   * registers, or its curated path when it registers none ({@code --no-register}).
   */
  public String metricsTable() {
    return curatedTable != null ? curatedTable.toString() : curatedPath;
  }

  /** The source, for the run report. */
  public String source() {
    return rawPath != null ? rawPath : table.toString();
  }

  /**
   * The quarantine of a run given none: {@link #DEFAULT_QUARANTINE_FOLDER} beside the curated
   * folder. {@code s3://b/curated/} → {@code s3://b/_quarantine}; {@code data/curated} → {@code
   * data/_quarantine}; a bucket root {@code s3://b} → {@code s3://b/_quarantine}.
   */
  public static String defaultQuarantinePath(String curatedPath) {
    return beside(curatedPath, DEFAULT_QUARANTINE_FOLDER);
  }

  /**
   * The state of an incremental run given none: {@link #DEFAULT_STATE_FOLDER} beside the curated
   * folder, as {@link #defaultQuarantinePath} places the quarantine.
   */
  public static String defaultStatePath(String curatedPath) {
    return beside(curatedPath, DEFAULT_STATE_FOLDER);
  }

  private static String beside(String curatedPath, String folder) {
    String trimmed = curatedPath.replaceAll("/+$", "");
    int slash = trimmed.lastIndexOf('/');
    String parent = slash < 0 ? "" : trimmed.substring(0, slash + 1);
    if (parent.endsWith("//")) {
      // The curated folder is a bucket root (s3://bucket): keep the quarantine inside it.
      return trimmed + "/" + folder;
    }
    return parent + folder;
  }
}
