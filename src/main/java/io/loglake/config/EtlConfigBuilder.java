package io.loglake.config;

import io.loglake.catalog.TableName;
import java.time.Duration;
import java.util.Set;

/**
 * Names each setting of an {@link EtlConfig} ({@link EtlConfig#builder()}), starting from the
 * defaults {@link EtlConfig} declares; {@link #build()} validates them together.
 */
public final class EtlConfigBuilder {
  String rawPath;
  TableName table;
  String curatedPath;
  String quarantinePath;
  Set<String> levels = Set.of(EtlConfig.DEFAULT_LEVELS.split(","));
  String reportPath;
  long targetFileBytes = EtlConfig.DEFAULT_TARGET_FILE_BYTES;
  TableName curatedTable = TableName.parse(EtlConfig.DEFAULT_CURATED_TABLE);
  EventTimeRange eventTimeRange = EventTimeRange.DEFAULT;
  int maxLineBytes = EtlConfig.DEFAULT_MAX_LINE_BYTES;
  Duration dedupeWindow = EtlConfig.DEFAULT_DEDUPE_WINDOW_DURATION;
  boolean incremental;
  String statePath;
  Duration lookback = EtlConfig.DEFAULT_LOOKBACK;
  TableFormat format = EtlConfig.DEFAULT_FORMAT;
  boolean compact = true;
  Duration snapshotRetention = EtlConfig.DEFAULT_SNAPSHOT_RETENTION;
  int retainLastSnapshots = EtlConfig.DEFAULT_RETAIN_LAST_SNAPSHOTS;
  Duration orphanRetention = EtlConfig.DEFAULT_ORPHAN_RETENTION;
  MetricsTarget metrics = EtlConfig.DEFAULT_METRICS;
  PiiConfig pii = PiiConfig.NONE;
  QualityConfig quality;

  EtlConfigBuilder() {}

  /** The raw zone to read (not with {@link #table}). */
  public EtlConfigBuilder rawPath(String rawPath) {
    this.rawPath = rawPath;
    return this;
  }

  /** The catalog table whose files to read (not with {@link #rawPath}). */
  public EtlConfigBuilder table(TableName table) {
    this.table = table;
    return this;
  }

  public EtlConfigBuilder curatedPath(String curatedPath) {
    this.curatedPath = curatedPath;
    return this;
  }

  /** Where quarantined records go; null or blank: {@link #defaultQuarantinePath}. */
  public EtlConfigBuilder quarantinePath(String quarantinePath) {
    this.quarantinePath = quarantinePath;
    return this;
  }

  /** The levels to keep, normalised. */
  public EtlConfigBuilder levels(Set<String> levels) {
    this.levels = levels;
    return this;
  }

  /** Where the JSON report goes; null: printed. */
  public EtlConfigBuilder reportPath(String reportPath) {
    this.reportPath = reportPath;
    return this;
  }

  public EtlConfigBuilder targetFileBytes(long targetFileBytes) {
    this.targetFileBytes = targetFileBytes;
    return this;
  }

  /** The table the written partitions are registered in (see {@link #noRegister()}). */
  public EtlConfigBuilder curatedTable(TableName curatedTable) {
    if (curatedTable == null) {
      throw new IllegalArgumentException(
          "a curated table is required; to register nothing, use noRegister()");
    }
    this.curatedTable = curatedTable;
    return this;
  }

  /** Registers nothing in the catalog ({@code --no-register}). */
  public EtlConfigBuilder noRegister() {
    this.curatedTable = null;
    return this;
  }

  public EtlConfigBuilder eventTimeRange(EventTimeRange eventTimeRange) {
    this.eventTimeRange = eventTimeRange;
    return this;
  }

  public EtlConfigBuilder maxLineBytes(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
    return this;
  }

  /** The cross-run dedupe window (0 or more; 0: off). */
  public EtlConfigBuilder dedupeWindow(Duration dedupeWindow) {
    this.dedupeWindow = dedupeWindow;
    return this;
  }

  /** Reads only what no earlier successful run read ({@code --incremental}). */
  public EtlConfigBuilder incremental(boolean incremental) {
    this.incremental = incremental;
    return this;
  }

  /** Where the incremental state goes; null or blank: {@link #defaultStatePath}. */
  public EtlConfigBuilder statePath(String statePath) {
    this.statePath = statePath;
    return this;
  }

  public EtlConfigBuilder lookback(Duration lookback) {
    this.lookback = lookback;
    return this;
  }

  /** The curated table's format ({@code --format}). */
  public EtlConfigBuilder format(TableFormat format) {
    this.format = format;
    return this;
  }

  /** Whether an incremental run compacts after its write ({@code --no-compact}: false). */
  public EtlConfigBuilder compact(boolean compact) {
    this.compact = compact;
    return this;
  }

  /** Iceberg: expire snapshots older than this ({@code --snapshot-retention}). */
  public EtlConfigBuilder snapshotRetention(Duration snapshotRetention) {
    this.snapshotRetention = snapshotRetention;
    return this;
  }

  /** Iceberg: never expire the last this many snapshots ({@code --retain-last-snapshots}). */
  public EtlConfigBuilder retainLastSnapshots(int retainLastSnapshots) {
    this.retainLastSnapshots = retainLastSnapshots;
    return this;
  }

  /** Iceberg: delete files no snapshot names once older than this ({@code --orphan-retention}). */
  public EtlConfigBuilder orphanRetention(Duration orphanRetention) {
    this.orphanRetention = orphanRetention;
    return this;
  }

  /** Where the run's metrics go besides its report ({@code --metrics}). */
  public EtlConfigBuilder metrics(MetricsTarget metrics) {
    this.metrics = metrics;
    return this;
  }

  /** What the curated rows have masked ({@code --mask-ip}, {@code --hash-user-id}). */
  public EtlConfigBuilder pii(PiiConfig pii) {
    this.pii = pii;
    return this;
  }

  /** The data-quality check after the run ({@code --check}); null: none. */
  public EtlConfigBuilder quality(QualityConfig quality) {
    this.quality = quality;
    return this;
  }

  /** The config; throws {@link IllegalArgumentException} naming what is missing or wrong. */
  public EtlConfig build() {
    return new EtlConfig(this);
  }
}
