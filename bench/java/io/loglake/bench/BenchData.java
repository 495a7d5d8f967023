package io.loglake.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated data set of the benchmark: a scale, a kind of records, and how many (the scale's,
 * or fewer with {@code --records} for a quick run), plus the one new hour after it that the
 * incremental variant processes on top of it.
 */
record BenchData(Scale scale, Dataset dataset, long records) {
  /** The seed of the new hour: another seed than the day's, so that no record repeats. */
  private static final String NEW_HOUR_SEED = "2";

  /**
   * The folder name under {@code bench/data/}: {@code 6m}, {@code 6m-no-event-id}, {@code
   * 6m-r2000}.
   */
  String id() {
    String count = records == scale.records ? "" : "-r" + records;
    return scale.id + count + dataset.folderSuffix;
  }

  /** The {@code loglake produce} arguments that write this data set into {@code out}. */
  List<String> produceArguments(String out) {
    return produce(out, records, Scale.START, scale.hours + "h", Scale.SEED);
  }

  /** The hour right after the data set's span. */
  Instant newHour() {
    return Scale.START.plus(Duration.ofHours(scale.hours));
  }

  /** Records in the new hour: as many as an hour of the data set holds on average. */
  long newHourRecords() {
    return Math.max(1, records / scale.hours);
  }

  /** The {@code loglake produce} arguments that write the new hour into {@code out}. */
  List<String> newHourArguments(String out) {
    return produce(out, newHourRecords(), newHour(), "1h", NEW_HOUR_SEED);
  }

  private List<String> produce(String out, long count, Instant start, String span, String seed) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "produce",
                "--sink",
                "local",
                "--out",
                out,
                "--records",
                Long.toString(count),
                "--span",
                span,
                "--start",
                start.toString(),
                "--seed",
                seed));
    arguments.addAll(dataset.produceArguments);
    return List.copyOf(arguments);
  }
}
