package io.loglake.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The options of {@code scripts/bench-latency.sh}.
 *
 * @param seconds how long the producer runs (records = rate × seconds)
 * @param warmUpSeconds rows whose event time is in the producer's first seconds are not measured
 * @param scenarios what runs, in order
 */
record LatencyOptions(
    boolean quick, int rate, int seconds, int warmUpSeconds, List<Scenario> scenarios) {
  /** One stream set-up measured: its source, table format and trigger. */
  record Scenario(String source, String format, String trigger) {
    String id() {
      return source + "-" + format + "-" + trigger;
    }
  }

  static final String USAGE =
      "usage: scripts/bench-latency.sh [--quick] [--rate N] [--seconds N] [--warm-up-seconds N]"
          + " [--source kafka|raw|all] [--format parquet|iceberg|all] [--triggers 10s,2s]";

  long records() {
    return (long) rate * seconds;
  }

  static LatencyOptions parse(String[] args) {
    boolean quick = false;
    Integer rate = null;
    Integer seconds = null;
    Integer warmUp = null;
    String source = "all";
    String format = "all";
    String triggers = "10s,2s";
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--quick" -> quick = true;
        case "--rate" -> rate = positive(arg, value(args, ++i, arg));
        case "--seconds" -> seconds = positive(arg, value(args, ++i, arg));
        case "--warm-up-seconds" -> warmUp = Integer.parseInt(value(args, ++i, arg));
        case "--source" -> source = choice(arg, value(args, ++i, arg), "kafka", "raw", "all");
        case "--format" -> format = choice(arg, value(args, ++i, arg), "parquet", "iceberg", "all");
        case "--triggers" -> triggers = value(args, ++i, arg);
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    int actualSeconds = seconds != null ? seconds : quick ? 20 : 90;
    int actualWarmUp = warmUp != null ? warmUp : quick ? 5 : 20;
    if (actualWarmUp >= actualSeconds) {
      throw new IllegalArgumentException("--warm-up-seconds must be below --seconds");
    }
    List<String> triggerList = Arrays.stream(triggers.split(",")).map(String::trim).toList();
    for (String trigger : triggerList) {
      if (!trigger.matches("\\d+(ms|s)")) {
        throw new IllegalArgumentException(
            "--triggers: not a duration like 10s or 500ms: " + trigger);
      }
    }
    List<Scenario> scenarios = new ArrayList<>();
    if (!source.equals("raw")) {
      for (String f : format.equals("all") ? List.of("parquet", "iceberg") : List.of(format)) {
        for (String trigger : triggerList) {
          scenarios.add(new Scenario("kafka", f, trigger));
        }
      }
    }
    // The raw zone: Parquet (the brief's minimum) unless a format is asked for.
    if (!source.equals("kafka")) {
      for (String f : format.equals("all") ? List.of("parquet") : List.of(format)) {
        for (String trigger : triggerList) {
          scenarios.add(new Scenario("raw", f, trigger));
        }
      }
    }
    return new LatencyOptions(
        quick, rate != null ? rate : 1000, actualSeconds, actualWarmUp, List.copyOf(scenarios));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String option, String text) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": not a number: " + text, e);
    }
    if (value <= 0) {
      throw new IllegalArgumentException(option + " must be above 0: " + text);
    }
    return value;
  }

  private static String choice(String option, String value, String... allowed) {
    if (!Arrays.asList(allowed).contains(value)) {
      throw new IllegalArgumentException(
          option + " must be one of " + String.join(", ", allowed) + ": " + value);
    }
    return value;
  }
}
