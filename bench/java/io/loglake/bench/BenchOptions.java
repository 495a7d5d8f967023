package io.loglake.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's command-line options.
 *
 * @param records null for each scale's own count; else every scale's data set holds this many
 *     records over the scale's hours (a quick run on small data, kept apart in {@code bench/data/})
 */
record BenchOptions(
    List<Scale> scales, List<Dataset> datasets, int rounds, int roundsAt30m, Long records) {
  static final String USAGE =
      "usage: scripts/bench.sh [--scale 6m|30m|all] [--dataset event-id|no-event-id|both]"
          + " [--rounds N] [--rounds-30m N] [--records N]\n"
          + "  --scale       data sets to run (default 6m; 30m is 30 million records over 120 h)\n"
          + "  --dataset     records with event_id (loglake's producer), without (the seed's), or"
          + " both (default)\n"
          + "  --rounds      rounds of all engines at 6m (default 3)\n"
          + "  --rounds-30m  rounds of all engines at 30m (default 1: one round takes several"
          + " minutes)\n"
          + "  --records     this many records instead of the scale's (a quick check, e.g. 20000)";

  static BenchOptions parse(String[] args) {
    List<Scale> scales = List.of(Scale.SIX_MILLION);
    List<Dataset> datasets = Arrays.asList(Dataset.values());
    int rounds = 3;
    int roundsAt30m = 1;
    Long records = null;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--scale" ->
            scales =
                value.equals("all") ? Arrays.asList(Scale.values()) : List.of(Scale.byId(value));
        case "--dataset" -> datasets = Dataset.parse(value);
        case "--rounds" -> rounds = positive(args[i], value);
        case "--rounds-30m" -> roundsAt30m = positive(args[i], value);
        case "--records" -> records = (long) positive(args[i], value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new BenchOptions(scales, datasets, rounds, roundsAt30m, records);
  }

  int roundsOf(Scale scale) {
    return scale == Scale.THIRTY_MILLION ? roundsAt30m : rounds;
  }

  /** The data sets to run, scale by scale, each scale's kinds of records side by side. */
  List<BenchData> data() {
    List<BenchData> data = new ArrayList<>();
    for (Scale scale : scales) {
      for (Dataset dataset : datasets) {
        data.add(new BenchData(scale, dataset, records == null ? scale.records : records));
      }
    }
    return List.copyOf(data);
  }

  private static int positive(String option, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " needs a whole number above 0, not '" + value + "'");
  }
}
