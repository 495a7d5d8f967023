package io.loglake.config;

import java.util.List;
import java.util.Set;

/**
 * Everything one ETL run needs, validated on construction. Built from the command line (or Glue
 * arguments) by the CLI; the job never reads arguments or the environment itself.
 *
 * @param rawPath the raw zone to read, or null when reading {@code table}
 * @param table the catalog table {@code DB.TABLE} to read, or null when reading {@code rawPath}
 * @param curatedPath where the curated Parquet goes
 * @param quarantinePath where quarantined records go (default: {@code _quarantine} beside curated)
 * @param levels the normalised levels to keep
 * @param reportPath where the JSON run report goes, or null to print it
 * @param targetFileBytes the size above which a partition is split into several files
 * @param curatedTable the catalog table {@code DB.TABLE} the written partitions are registered in
 *     after the run, or null to register nothing
 * @param eventTimeRange the event times kept; others are quarantined (null: {@link
 *     EventTimeRange#DEFAULT})
 * @param maxLineBytes a raw line longer than this goes to the quarantine as {@code line_too_long}
 *     (unless it can be cut between two objects), read without ever being held whole
 */
public record EtlConfig(
    String rawPath,
    String table,
    String curatedPath,
    String quarantinePath,
    Set<String> levels,
    String reportPath,
    long targetFileBytes,
    String curatedTable,
    EventTimeRange eventTimeRange,
    int maxLineBytes) {
  public static final String DEFAULT_TABLE = "logs_db.raw_logs";
  public static final String DEFAULT_CURATED_TABLE = "logs_analytics.app_logs_curated";
  public static final String DEFAULT_LEVELS = "WARN,ERROR";
  public static final long DEFAULT_TARGET_FILE_BYTES = 128L << 20;

  /** 1 MiB: above a Firehose record's maximum (1,000 KiB), far below a task's memory. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  public static final int MIN_MAX_LINE_BYTES = 1 << 10;
  public static final int MAX_MAX_LINE_BYTES = 1 << 30;

  /**
   * The levels a run can keep, normalised ({@code WARNING} is {@code WARN}): those of log4j/SLF4J,
   * syslog's and Python's logging ({@code CRITICAL}). The parser keeps any level asked for, so an
   * unknown name here is a typo ({@code EROR}) that would keep nothing: it is refused instead.
   */
  public static final List<String> KNOWN_LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "CRITICAL");

  public EtlConfig {
    if ((rawPath == null) == (table == null)) {
      throw new IllegalArgumentException("exactly one of a raw path and a table must be given");
    }
    if (table != null && !table.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("table must be DB.TABLE, got '" + table + "'");
    }
    if (curatedTable != null && !curatedTable.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException(
          "curated table must be DB.TABLE, got '" + curatedTable + "'");
    }
    if (curatedPath == null || curatedPath.isBlank()) {
      throw new IllegalArgumentException("a curated path is required");
    }
    checkLevels(levels);
    if (targetFileBytes < 1 << 20) {
      throw new IllegalArgumentException(
          "target file size must be at least 1 MiB, got " + targetFileBytes);
    }
    if (maxLineBytes < MIN_MAX_LINE_BYTES || maxLineBytes > MAX_MAX_LINE_BYTES) {
      throw new IllegalArgumentException(
          "the line limit must be between 1k and 1g, got " + maxLineBytes);
    }
    levels = Set.copyOf(levels);
    if (eventTimeRange == null) {
      eventTimeRange = EventTimeRange.DEFAULT;
    }
    if (quarantinePath == null || quarantinePath.isBlank()) {
      quarantinePath = besideCurated(curatedPath);
    }
  }

  /** A run with the default event-time range and line limit. */
  public EtlConfig(
      String rawPath,
      String table,
      String curatedPath,
      String quarantinePath,
      Set<String> levels,
      String reportPath,
      long targetFileBytes,
      String curatedTable) {
    this(
        rawPath,
        table,
        curatedPath,
        quarantinePath,
        levels,
        reportPath,
        targetFileBytes,
        curatedTable,
        null,
        DEFAULT_MAX_LINE_BYTES);
  }

  /** A run that registers nothing in the catalog (callers that manage tables themselves). */
  public EtlConfig(
      String rawPath,
      String table,
      String curatedPath,
      String quarantinePath,
      Set<String> levels,
      String reportPath,
      long targetFileBytes) {
    this(rawPath, table, curatedPath, quarantinePath, levels, reportPath, targetFileBytes, null);
  }

  /** Fails naming the first level of {@code levels} that is not one of {@link #KNOWN_LEVELS}. */
  public static void checkLevels(Set<String> levels) {
    if (levels == null || levels.isEmpty()) {
      throw new IllegalArgumentException("at least one level is required");
    }
    for (String level : levels) {
      if (!KNOWN_LEVELS.contains(level)) {
        throw new IllegalArgumentException(
            "'"
                + level
                + "' is not a level; the levels are "
                + String.join(", ", KNOWN_LEVELS)
                + " (WARNING = WARN)");
      }
    }
  }

  /**
   * {@code s3://b/curated/} → {@code s3://b/_quarantine}; {@code data/curated} → {@code
   * data/_quarantine}.
   */
  static String besideCurated(String curated) {
    String trimmed = curated.replaceAll("/+$", "");
    int slash = trimmed.lastIndexOf('/');
    String parent = slash < 0 ? "" : trimmed.substring(0, slash + 1);
    if (parent.endsWith("//")) {
      // The curated folder is a bucket root (s3://bucket): keep the quarantine inside it.
      return trimmed + "/_quarantine";
    }
    return parent + "_quarantine";
  }

  /** The source, for the run report. */
  public String source() {
    return rawPath != null ? rawPath : table;
  }
}
