package io.loglake.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code scripts/bench-incremental.sh}: how much history, how it was built, and how
 * many rounds of the timed run.
 *
 * @param recordsPerHour records generated per arrival hour, in the history and in the new hour
 * @param shortDays the short history, in days (1)
 * @param longDays the long history, in days (30)
 * @param historyStepHours hours of raw folders each history-building run adds (24: daily runs)
 * @param rounds rounds of the timed run, short and long interleaved
 * @param formats the table formats, each with its own histories
 */
record IncrementalOptions(
    boolean quick,
    int recordsPerHour,
    int shortDays,
    int longDays,
    int historyStepHours,
    int rounds,
    List<String> formats) {
  static final String USAGE =
      "usage: scripts/bench-incremental.sh [--quick] [--rounds N] [--records-per-hour N]"
          + " [--days N] [--history-step HOURS] [--format parquet|iceberg|all]\n"
          + "  --quick             small sizes (500 records/hour, 1 day against 3, 1 round)\n"
          + "  --rounds            rounds of the timed run (default 3)\n"
          + "  --records-per-hour  records per arrival hour (default 15000)\n"
          + "  --days              days of the long history (default 30; the short one is 1)\n"
          + "  --history-step      hours of raw each history-building run adds (default 24: daily"
          + " runs; 1: hourly, as production, about 20 times the set-up time)\n"
          + "  --format            table formats to run (default all)";

  static IncrementalOptions parse(String[] args) {
    boolean quick = List.of(args).contains("--quick");
    int recordsPerHour = quick ? 500 : 15_000;
    int longDays = quick ? 3 : 30;
    int step = 24;
    int rounds = quick ? 1 : 3;
    List<String> formats = List.of("parquet", "iceberg");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--quick")) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String value = args[++i];
      switch (args[i - 1]) {
        case "--rounds" -> rounds = positive("--rounds", value);
        case "--records-per-hour" -> recordsPerHour = positive("--records-per-hour", value);
        case "--days" -> longDays = positive("--days", value);
        case "--history-step" -> step = positive("--history-step", value);
        case "--format" -> formats = formats(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    if (longDays < 2) {
      throw new IllegalArgumentException("--days needs at least 2 (the short history is 1 day)");
    }
    if (24 % step != 0) {
      throw new IllegalArgumentException(
          "--history-step needs a divisor of 24 (1, 2, 3, 4, 6, 8, 12, 24), not " + step);
    }
    return new IncrementalOptions(quick, recordsPerHour, 1, longDays, step, rounds, formats);
  }

  /** The folder name of these data sizes (histories of other sizes are kept apart). */
  String sizeId() {
    return String.format(Locale.ROOT, "r%d-d%d-s%d", recordsPerHour, longDays, historyStepHours);
  }

  List<Integer> historyDays() {
    return List.of(shortDays, longDays);
  }

  private static List<String> formats(String value) {
    if (value.equals("all")) {
      return List.of("parquet", "iceberg");
    }
    List<String> formats = new ArrayList<>();
    for (String format : value.split(",")) {
      if (!format.equals("parquet") && !format.equals("iceberg")) {
        throw new IllegalArgumentException(
            "--format takes parquet, iceberg or all, not '" + format + "'");
      }
      formats.add(format);
    }
    return List.copyOf(formats);
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
