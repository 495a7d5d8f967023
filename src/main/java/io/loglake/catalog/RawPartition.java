package io.loglake.catalog;

import java.util.List;

/**
 * One hour folder of the raw zone ({@code …/YYYY/MM/DD/HH/}) as a partition of raw_logs: the values
 * of {@code year, month, day, hour} as the folder names spell them, and the folder's location
 * (ending in {@code /}).
 */
public record RawPartition(String year, String month, String day, String hour, String location) {
  /** The partition values in the order of {@link RawTableDefinition#PARTITION_KEYS}. */
  public List<String> values() {
    return List.of(year, month, day, hour);
  }

  /** {@code YYYY/MM/DD/HH}. */
  public String key() {
    return String.join("/", values());
  }
}
