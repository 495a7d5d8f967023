package io.loglake.bench;

import java.time.Instant;
import java.util.Arrays;

/** A benchmark scale: how many records over how many hours, generated deterministically. */
enum Scale {
  SIX_MILLION("6m", 6_000_000L, 24),
  THIRTY_MILLION("30m", 30_000_000L, 120);

  static final Instant START = Instant.parse("2025-11-09T00:00:00Z");

  /** The raw zone's folder of the first hour (START's), present at every scale. */
  static final String FIRST_HOUR_FOLDER = "2025/11/09/00";

  static final String SEED = "1";

  final String id;
  final long records;
  final int hours;

  Scale(String id, long records, int hours) {
    this.id = id;
    this.records = records;
    this.hours = hours;
  }

  static Scale byId(String id) {
    return Arrays.stream(values())
        .filter(scale -> scale.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown scale '" + id + "'"));
  }
}
