package io.loglake.cli;

import io.loglake.cli.produce.BufferOptions;
import io.loglake.cli.produce.DeadLetterOption;
import io.loglake.cli.produce.FaultOptions;
import io.loglake.cli.produce.FirehoseOptions;
import io.loglake.cli.produce.KafkaOptions;
import io.loglake.cli.produce.LevelWeightsConverter;
import io.loglake.cli.produce.LocalOptions;
import io.loglake.cli.produce.ProgressPrinter;
import io.loglake.cli.produce.S3Options;
import io.loglake.cli.produce.ShutdownSignal;
import io.loglake.cli.produce.SinkKind;
import io.loglake.cli.produce.SinkKindConverter;
import io.loglake.cli.produce.SinkScope;
import io.loglake.cli.produce.StreamOption;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.GeneratorConfig;
import io.loglake.producer.LevelWeights;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.LogRecord;
import io.loglake.producer.ProduceSummary;
import io.loglake.producer.ProgressListener;
import io.loglake.producer.RateLimiter;
import io.loglake.producer.RecordSink;
import io.loglake.producer.StdoutSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loglake produce}: synthetic logs into Kinesis Data Firehose, Kafka, a raw zone laid out as
 * Firehose writes S3 (in an S3 bucket or a local folder), or standard output; paced, optionally
 * with faults, flushed on SIGTERM/Ctrl-C.
 *
 * <p>The options of one sink, or of a few, are option groups of their own ({@code cli.produce}),
 * each checking its values and building its part of the sink; {@link SinkKind} says which groups
 * each sink reads and {@link SinkScope} rejects the others. A new sink: a {@link SinkKind}, its
 * group, and its case in {@link #sink}.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Generate deterministic synthetic logs (the same seed, start, span and count give the same"
            + " records; other runs share no event_id)"
            + " and deliver them to Kinesis Data Firehose (--sink firehose), a Kafka topic (--sink"
            + " kafka), a raw zone laid out as Firehose writes S3, in a bucket (--sink s3) or a"
            + " local folder (--sink local), or standard output"
            + " (--sink stdout). Runs for --records, for --duration, or until stopped (Ctrl-C or"
            + " SIGTERM flush what is buffered and print the counts).")
public final class ProduceCommand implements Callable<Integer> {
  /** How long a shutdown signal waits for the run to flush before the JVM exits anyway. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofMinutes(3);

  @Spec CommandLine.Model.CommandSpec spec;

  // Options and option groups in the order the usage lists them (sortOptions = false).

  @Option(
      names = "--sink",
      required = true,
      paramLabel = "firehose|kafka|s3|local|stdout",
      converter = SinkKindConverter.class,
      description = "Where records go.")
  SinkKind sink;

  @Mixin LocalOptions local;

  @Option(
      names = "--records",
      paramLabel = "N",
      description =
          "How many records to generate (default: no limit; stop with --duration or Ctrl-C).")
  Long records;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long, e.g. 10m, 1h (default: no limit).")
  Duration duration;

  @Option(
      names = "--rate",
      paramLabel = "R",
      description =
          "Records per second, 0 = as fast as possible (default: 5, as the seed producer; 0 with"
              + " --span).")
  Double rate;

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
      converter = DurationConverter.class,
      description =
          "Spread the --records events evenly over this, e.g. 24h, 90m, PT1H (a backfill; default:"
              + " one event per 1/rate seconds, 200 ms at --rate 0).")
  Duration span;

  @Mixin StreamOption stream;

  @Mixin AwsOptions aws;

  @Mixin S3Options s3;

  @Mixin KafkaOptions kafka;

  @Mixin DeadLetterOption deadLetter;

  @Mixin FaultOptions faultOptions;

  @Mixin BufferOptions buffering;

  @Mixin FirehoseOptions firehose;

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

  @Option(
      names = "--no-event-id",
      description =
          "Leave event_id out of every record, as the seed producer does (the other fields stay the"
              + " same; downstream, duplicates are then recognised by their whole content).")
  boolean noEventId;

  @Override
  public Integer call() {
    double perSecond = rate();
    GeneratorConfig config = generatorConfig();
    FaultInjector.Faults faults = faultOptions.faults();
    LogGenerator generated = generator(config, perSecond);
    FaultInjector faulty = new FaultInjector(generated, faults, seed);
    PrintWriter err = spec.commandLine().getErr();
    Path deadLetterPath = deadLetter.path(sink);
    RecordSink recordSink = sink(deadLetterPath, err, generated.runSeed());

    boolean terminal = System.console() != null && sink != SinkKind.STDOUT;
    ProgressPrinter progress = new ProgressPrinter(err, terminal);
    try (ShutdownSignal signal = ShutdownSignal.install(SHUTDOWN_GRACE)) {
      ProduceSummary summary =
          produce(
              faults.any() ? faulty : generated, recordSink, perSecond, signal.stop(), progress);
      progress.finish();
      // The reader went away (`produce --sink stdout | head`): stop quietly, as a Unix tool does.
      if (summary == null) {
        return Main.EXIT_OK;
      }
      PrintWriter summaryOut = sink == SinkKind.STDOUT ? err : spec.commandLine().getOut();
      summaryOut.println(describe(summary, faults.any() ? faulty.counts() : null, deadLetterPath));
      summaryOut.flush();
      // Records not delivered are kept, but the run did not do what it was asked: say so.
      return summary.delivered().deadLettered() > 0 ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }
  }

  /** The run's summary; null if the reader of standard output went away. */
  private ProduceSummary produce(
      Iterator<LogRecord> records,
      RecordSink recordSink,
      double perSecond,
      AtomicBoolean stop,
      ProgressListener progress) {
    try {
      return LogProducer.produce(
          records,
          recordSink,
          new LogProducer.RunControl(
              RateLimiter.perSecond(perSecond), duration, stop, System::nanoTime),
          progress);
    } catch (StdoutSink.ReaderGoneException readerGone) {
      return null;
    }
  }

  /**
   * The sink {@code --sink} names, built by its option group once {@link SinkScope} found no option
   * of another sink.
   *
   * @param runSeed seeds the object names of the raw-zone sinks, as the records'
   */
  private RecordSink sink(Path deadLetterPath, PrintWriter err, long runSeed) {
    SinkScope.check(spec, sink);
    Consumer<String> notices =
        notice -> {
          err.println("loglake: " + notice);
          err.flush();
        };
    return switch (sink) {
      case LOCAL -> local.sink(stream, buffering, runSeed);
      case STDOUT -> StdoutSink.forStandardOutput();
      case FIREHOSE -> firehose.sink(stream, aws, deadLetterPath, notices);
      case KAFKA -> kafka.sink(deadLetterPath, notices);
      case S3 -> s3.sink(stream, buffering, aws, runSeed, deadLetterPath, notices);
    };
  }

  private String describe(
      ProduceSummary summary, FaultInjector.FaultCounts faults, Path deadLetterPath) {
    String destination =
        switch (sink) {
          case LOCAL -> local.destination();
          case S3 -> s3.destination();
          case FIREHOSE -> firehose.destination(stream);
          case KAFKA -> kafka.destination();
          case STDOUT -> "to standard output";
        };
    boolean deadLetters = sink.reads(deadLetter);
    StringBuilder line =
        new StringBuilder(summary.describe(destination, deadLetters, deadLetterPath));
    if (faults != null) {
      line.append(
          String.format(
              Locale.ROOT,
              "; faults: %d late, %d duplicated, %d malformed",
              faults.late(),
              faults.duplicated(),
              faults.malformed()));
    }
    return line.toString();
  }

  private double rate() {
    double perSecond = rate != null ? rate : span != null ? 0 : 5;
    if (!Double.isFinite(perSecond) || perSecond < 0) {
      throw usageError(
          "Cannot use --rate " + rate + ": the rate must be 0 or more records a second");
    }
    return perSecond;
  }

  private LogGenerator generator(GeneratorConfig config, double perSecond) {
    if (records != null && records <= 0) {
      throw usageError(
          "Cannot use --records " + records + ": the number of records must be greater than 0");
    }
    if (duration != null && duration.isZero()) {
      throw usageError("Cannot use --duration 0s: the duration must be positive");
    }
    Instant first = start != null ? start : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    if (span != null) {
      if (records == null) {
        throw usageError("Cannot use --span without --records: the span spreads that many events");
      }
      EventSchedule schedule =
          validated(
              () -> new EventSchedule(first, span, records),
              "Cannot use --start " + first + " with --span " + span);
      return new LogGenerator(config, seed, schedule);
    }
    if (records != null) {
      Duration spread =
          perSecond == 0
              ? EventSchedule.defaultSpan(records)
              : Duration.ofNanos((long) Math.min(Long.MAX_VALUE, records * 1e9 / perSecond));
      return new LogGenerator(
          config,
          seed,
          validated(
              () -> new EventSchedule(first, spread, records),
              "Cannot use --start " + first + " with --records " + records));
    }
    Duration spacing =
        perSecond == 0
            ? EventSchedule.DEFAULT_SPACING
            : Duration.ofNanos(Math.max(1, (long) (1e9 / perSecond)));
    return new LogGenerator(config, seed, first, spacing);
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
    return config.withEventIds(!noEventId);
  }

  private <T> T validated(Supplier<T> construction, String action) {
    return UsageErrors.validated(spec, construction, action);
  }

  private ParameterException usageError(String message) {
    return UsageErrors.of(spec, message);
  }
}
