package io.loglake.config;

import io.loglake.catalog.TableName;
import java.time.Duration;

/**
 * What a compaction of the curated zone needs (see {@code io.loglake.job.Compaction}): the table,
 * where its state goes, the file size aimed at and the Iceberg retentions. Built from an {@link
 * EtlConfig} ({@link EtlConfig#compaction()}) by {@code etl}, or directly by {@code loglake
 * compact}; the defaults are {@link EtlConfig}'s.
 *
 * @param curatedPath the curated zone's root
 * @param curatedTable its catalog table, or null (parquet with {@code --no-register})
 * @param format parquet or iceberg
 * @param statePath the state folder; a parquet compaction keeps its manifests in {@code
 *     <state>/compaction/}
 * @param targetFileBytes the file size a compaction aims at
 * @param snapshotRetention iceberg: snapshots older than this are expired…
 * @param retainLastSnapshots …but never the last this many
 * @param orphanRetention iceberg: files no snapshot names are deleted once older than this
 */
public record CompactionSettings(
    String curatedPath,
    TableName curatedTable,
    TableFormat format,
    String statePath,
    long targetFileBytes,
    Duration snapshotRetention,
    int retainLastSnapshots,
    Duration orphanRetention) {
  /** Validates the settings; throws {@link IllegalArgumentException} naming the bad one. */
  public CompactionSettings {
    if (curatedPath == null || curatedPath.isBlank()) {
      throw new IllegalArgumentException("a curated path is required");
    }
    if (format == null) {
      throw new IllegalArgumentException("a table format is required");
    }
    if (format == TableFormat.ICEBERG && curatedTable == null) {
      throw new IllegalArgumentException("an Iceberg table is compacted through its catalog table");
    }
    if (statePath == null || statePath.isBlank()) {
      statePath = EtlConfig.defaultStatePath(curatedPath);
    }
    if (targetFileBytes < EtlConfig.MIN_TARGET_FILE_BYTES) {
      throw new IllegalArgumentException(
          "target file size must be at least 1 MiB, got " + targetFileBytes);
    }
    if (snapshotRetention == null || snapshotRetention.isNegative()) {
      throw new IllegalArgumentException(
          "the snapshot retention must be 0 or more, got " + snapshotRetention);
    }
    if (retainLastSnapshots < 1) {
      throw new IllegalArgumentException(
          "at least the last snapshot must be kept, got " + retainLastSnapshots);
    }
    if (orphanRetention == null || orphanRetention.isNegative()) {
      throw new IllegalArgumentException(
          "the orphan file retention must be 0 or more, got " + orphanRetention);
    }
  }
}
