package io.loglake.bench;

import java.util.Arrays;
import java.util.List;

/** The benchmark's command-line options. */
record BenchOptions(List<Scale> scales, int rounds, int roundsAt30m) {
  static final String USAGE =
      "usage: scripts/bench.sh [--scale 6m|30m|all] [--rounds N] [--rounds-30m N]\n"
          + "  --scale       data sets to run (default 6m; 30m is 30 million records over 120 h)\n"
          + "  --rounds      rounds of A B C at 6m (default 3)\n"
          + "  --rounds-30m  rounds of A B C at 30m (default 1: one round takes several minutes)";

  static BenchOptions parse(String[] args) {
    List<Scale> scales = List.of(Scale.SIX_MILLION);
    int rounds = 3;
    int roundsAt30m = 1;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--scale" ->
            scales =
                value.equals("all") ? Arrays.asList(Scale.values()) : List.of(Scale.byId(value));
        case "--rounds" -> rounds = positive(args[i], value);
        case "--rounds-30m" -> roundsAt30m = positive(args[i], value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new BenchOptions(scales, rounds, roundsAt30m);
  }

  int roundsOf(Scale scale) {
    return scale == Scale.THIRTY_MILLION ? roundsAt30m : rounds;
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
