package io.loglake.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How many rows an engine's output holds per {@code (dt, hr, level, service)}: what must be the
 * same for every engine.
 */
record RowGroups(Map<Key, Long> counts) {

  /** One group. */
  record Key(String dt, int hr, String level, String service) {
    @Override
    public String toString() {
      return "dt=" + dt + "/hr=" + hr + " " + level + " " + service;
    }
  }

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::dt)
          .thenComparingInt(Key::hr)
          .thenComparing(Key::level, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Key::service, Comparator.nullsFirst(Comparator.naturalOrder()));

  RowGroups {
    TreeMap<Key, Long> sorted = new TreeMap<>(ORDER);
    sorted.putAll(counts);
    counts = sorted;
  }

  long rows() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The groups whose counts differ from {@code expected}'s, as text, at most {@code limit}. */
  List<String> differencesFrom(RowGroups expected, int limit) {
    TreeSet<Key> keys = new TreeSet<>(ORDER);
    keys.addAll(counts.keySet());
    keys.addAll(expected.counts.keySet());
    List<String> differences = new ArrayList<>();
    for (Key key : keys) {
      Long want = expected.counts.get(key);
      Long got = counts.get(key);
      if (!Objects.equals(want, got)) {
        if (differences.size() == limit) {
          differences.add("…");
          break;
        }
        differences.add(
            key
                + ": expected "
                + (want == null ? 0 : want)
                + " rows, got "
                + (got == null ? 0 : got));
      }
    }
    return differences;
  }
}
