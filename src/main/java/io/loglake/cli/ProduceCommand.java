package io.loglake.cli;

import io.loglake.producer.BufferingHints;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.GeneratorConfig;
import io.loglake.producer.LevelWeights;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.ProduceSummary;
import io.loglake.producer.ProgressListener;
import io.loglake.producer.RawZoneLayout;
import io.loglake.producer.RecordSink;
import io.loglake.producer.SinkStats;
import io.loglake.producer.StdoutSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loglake produce}: synthetic logs into a Firehose-style local raw zone or standard output.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Generate deterministic synthetic logs (the same seed and start give the same output)"
            + " into a raw zone laid out as Kinesis Data Firehose writes S3 (--sink local), or as"
            + " NDJSON on standard output (--sink stdout).")
public final class ProduceCommand implements Callable<Integer> {
  private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

  enum SinkKind {
    LOCAL,
    STDOUT
  }

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--sink",
      required = true,
      paramLabel = "local|stdout",
      converter = SinkKindConverter.class,
      description = "Where records go: a local raw zone directory, or standard output.")
  SinkKind sink;

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description = "The raw zone directory (created if missing); required for --sink local.")
  Path out;

  @Option(
      names = "--records",
      required = true,
      paramLabel = "N",
      description = "How many records to generate (greater than 0).")
  long records;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--start",
      paramLabel = "ISO-INSTANT",
      converter = InstantConverter.class,
      description =
          "Event time of the first record, e.g. 2025-11-09T00:00:00Z (default: now, to the"
              + " second).")
  Instant start;

  @Option(
      names = "--span",
      paramLabel = "DURATION",
      converter = SpanConverter.class,
      description =
          "How long the events take, e.g. 24h, 90m, 1h30m, PT1H (default: N x 200 ms, 5"
              + " records/s).")
  Duration span;

  @Option(
      names = "--stream",
      paramLabel = "NAME",
      description =
          "Delivery stream name in object names (default: "
              + RawZoneLayout.DEFAULT_STREAM_NAME
              + ").")
  String stream;

  @Option(
      names = "--buffer-size",
      paramLabel = "BYTES",
      description =
          "Deliver an object when this many uncompressed bytes are buffered (default: 1048576).")
  Long bufferSize;

  @Option(
      names = "--buffer-interval",
      paramLabel = "SECONDS",
      description = "...or when a record arrives this long after the object's first (default: 60).")
  Long bufferInterval;

  @Option(
      names = "--services",
      split = ",",
      paramLabel = "NAME",
      description = "Services to log for (default: auth-api,payment-api,order-api).")
  List<String> services;

  @Option(
      names = "--level-weights",
      paramLabel = "INFO,WARN,ERROR",
      converter = LevelWeightsConverter.class,
      description = "Relative weights of the levels (default: 0.8,0.15,0.05).")
  LevelWeights levelWeights;

  @Override
  public Integer call() {
    EventSchedule schedule = schedule();
    GeneratorConfig config = generatorConfig();
    RecordSink recordSink = sink == SinkKind.LOCAL ? localSink() : stdoutSink();
    PrintWriter err = spec.commandLine().getErr();
    boolean showProgress = sink == SinkKind.LOCAL && System.console() != null;
    ProgressPrinter progress = new ProgressPrinter(err, records, showProgress);

    ProduceSummary summary =
        LogProducer.produce(new LogGenerator(config, seed, schedule), recordSink, progress);

    progress.finish();
    PrintWriter summaryOut = sink == SinkKind.STDOUT ? err : spec.commandLine().getOut();
    summaryOut.println(summary.describe() + (sink == SinkKind.LOCAL ? " under " + out : ""));
    summaryOut.flush();
    return Main.EXIT_OK;
  }

  private EventSchedule schedule() {
    if (records <= 0) {
      throw usageError(
          "Cannot use --records " + records + ": the number of records must be greater than 0");
    }
    Instant first = start != null ? start : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Duration duration = span != null ? span : EventSchedule.defaultSpan(records);
    return validated(
        () -> new EventSchedule(first, duration, records),
        "Cannot use --start " + first + " with --span " + duration);
  }

  private GeneratorConfig generatorConfig() {
    GeneratorConfig config = GeneratorConfig.defaults();
    if (services != null) {
      List<String> names = services;
      config =
          validated(
              () -> GeneratorConfig.defaults().withServices(names),
              "Cannot use --services " + String.join(",", names));
    }
    if (levelWeights != null) {
      config = config.withLevelWeights(levelWeights);
    }
    return config;
  }

  private RecordSink localSink() {
    if (out == null) {
      throw usageError(
          "Cannot write to --sink local: --out PATH is required (the raw zone directory)");
    }
    RawZoneLayout layout =
        stream == null
            ? RawZoneLayout.defaults()
            : validated(() -> new RawZoneLayout(stream), "Cannot use --stream '" + stream + "'");
    BufferingHints hints = BufferingHints.DEFAULT;
    if (bufferSize != null) {
      BufferingHints current = hints;
      hints =
          validated(
              () -> current.withSizeBytes(bufferSize), "Cannot use --buffer-size " + bufferSize);
    }
    if (bufferInterval != null) {
      BufferingHints current = hints;
      hints =
          validated(
              () -> current.withInterval(Duration.ofSeconds(bufferInterval)),
              "Cannot use --buffer-interval " + bufferInterval);
    }
    return LocalRawZoneSink.forGeneratedData(out, layout, hints, seed);
  }

  private RecordSink stdoutSink() {
    if (out != null || stream != null || bufferSize != null || bufferInterval != null) {
      throw usageError(
          "Cannot use --out, --stream, --buffer-size or --buffer-interval with --sink stdout:"
              + " they apply to --sink local only");
    }
    return new StdoutSink(System.out);
  }

  private <T> T validated(Supplier<T> construction, String action) {
    try {
      return construction.get();
    } catch (IllegalArgumentException e) {
      throw usageError(action + ": " + e.getMessage());
    }
  }

  private ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Progress on standard error, at most once a second, only when a terminal is attached. */
  private static final class ProgressPrinter implements ProgressListener {
    private final PrintWriter err;
    private final long total;
    private final boolean enabled;
    private long lastPrintedNanos = System.nanoTime();
    private boolean printed;

    ProgressPrinter(PrintWriter err, long total, boolean enabled) {
      this.err = err;
      this.total = total;
      this.enabled = enabled;
    }

    @Override
    public void onProgress(long recordsSent, SinkStats delivered) {
      long now = System.nanoTime();
      if (!enabled || now - lastPrintedNanos < PROGRESS_INTERVAL_NANOS) {
        return;
      }
      lastPrintedNanos = now;
      printed = true;
      err.printf(
          Locale.ROOT,
          "\r%d/%d records (%d%%), %d objects written",
          recordsSent,
          total,
          recordsSent * 100 / total,
          delivered.objects());
      err.flush();
    }

    void finish() {
      if (printed) {
        err.println();
        err.flush();
      }
    }
  }

  static final class SinkKindConverter implements CommandLine.ITypeConverter<SinkKind> {
    @Override
    public SinkKind convert(String value) {
      try {
        return SinkKind.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a sink: use local or stdout");
      }
    }
  }

  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an ISO-8601 instant such as 2025-11-09T00:00:00Z");
      }
    }
  }

  /**
   * {@code 24h}, {@code 90m}, {@code 1h30m}, {@code 45s}, {@code 500ms}, {@code 2d}, or ISO-8601
   * {@code PT1H}.
   */
  static final class SpanConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(?:\\d+(?:ms|d|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    @Override
    public Duration convert(String value) {
      Duration span = parse(value.trim().toLowerCase(Locale.ROOT));
      if (span == null) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration such as 24h, 90m, 1h30m, 45s, 500ms or PT1H");
      }
      if (span.isNegative()) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is negative; the span must be 0 or more");
      }
      return span;
    }

    /** The duration {@code text} (lower case) denotes, or null if it is not one. */
    private static Duration parse(String text) {
      try {
        if (text.startsWith("p")) {
          return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        if (!SHORT.matcher(text).matches()) {
          return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
          total = total.plus(Long.parseLong(part.group(1)), unit(part.group(2)));
        }
        return total;
      } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
        return null;
      }
    }

    private static ChronoUnit unit(String suffix) {
      return switch (suffix) {
        case "ms" -> ChronoUnit.MILLIS;
        case "s" -> ChronoUnit.SECONDS;
        case "m" -> ChronoUnit.MINUTES;
        case "h" -> ChronoUnit.HOURS;
        default -> ChronoUnit.DAYS;
      };
    }
  }

  static final class LevelWeightsConverter implements CommandLine.ITypeConverter<LevelWeights> {
    @Override
    public LevelWeights convert(String value) {
      try {
        return LevelWeights.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
