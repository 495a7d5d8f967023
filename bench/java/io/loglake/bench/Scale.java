package io.loglake.bench;

import java.util.Arrays;
import java.util.List;

/** A benchmark data set: how many records over how long, generated deterministically. */
enum Scale {
  SIX_MILLION("6m", 6_000_000L, "24h"),
  THIRTY_MILLION("30m", 30_000_000L, "120h");

  private static final String START = "2025-11-09T00:00:00Z";

  /** The raw zone's folder of the first hour (START's), present at every scale. */
  static final String FIRST_HOUR_FOLDER = "2025/11/09/00";

  private static final String SEED = "1";

  final String id;
  final long records;
  final String span;

  Scale(String id, long records, String span) {
    this.id = id;
    this.records = records;
    this.span = span;
  }

  /** The {@code loglake produce} arguments that write this data set into {@code out}. */
  List<String> produceArguments(String out) {
    return List.of(
        "produce",
        "--sink",
        "local",
        "--out",
        out,
        "--records",
        Long.toString(records),
        "--span",
        span,
        "--start",
        START,
        "--seed",
        SEED);
  }

  static Scale byId(String id) {
    return Arrays.stream(values())
        .filter(scale -> scale.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown scale '" + id + "'"));
  }
}
