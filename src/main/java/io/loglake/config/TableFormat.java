package io.loglake.config;

import java.util.Locale;

/**
 * The curated table's format, chosen when the table is created ({@code --format}); a run whose
 * format differs from the existing table's is refused before it writes.
 */
public enum TableFormat {
  /** Hive-style {@code dt=…/hr=…} Parquet folders, partitions added to the catalog after a run. */
  PARQUET,
  /** An Apache Iceberg table (format-version 2); a run's rows are one atomic Iceberg commit. */
  ICEBERG;

  /** The name as {@code --format} takes it: {@code parquet}, {@code iceberg}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code parquet} or {@code iceberg} (any case); anything else fails naming the choices. */
  public static TableFormat parse(String text) {
    for (TableFormat format : values()) {
      if (format.text().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a table format; the formats are parquet, iceberg");
  }
}
