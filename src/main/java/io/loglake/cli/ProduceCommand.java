package io.loglake.cli;

import io.loglake.config.LoglakeHome;
import io.loglake.producer.BufferingHints;
import io.loglake.producer.DeadLetterFile;
import io.loglake.producer.EventSchedule;
import io.loglake.producer.FaultInjector;
import io.loglake.producer.FirehoseSink;
import io.loglake.producer.GeneratorConfig;
import io.loglake.producer.KafkaSink;
import io.loglake.producer.LevelWeights;
import io.loglake.producer.LocalRawZoneSink;
import io.loglake.producer.LogGenerator;
import io.loglake.producer.LogProducer;
import io.loglake.producer.LogRecord;
import io.loglake.producer.ProduceSummary;
import io.loglake.producer.ProgressListener;
import io.loglake.producer.RateLimiter;
import io.loglake.producer.RecordSink;
import io.loglake.producer.RetryPolicy;
import io.loglake.producer.S3RawObjectStore;
import io.loglake.producer.S3Sink;
import io.loglake.producer.SinkStats;
import io.loglake.producer.StdoutSink;
import io.loglake.schema.RawZoneLayout;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/**
 * {@code loglake produce}: synthetic logs into Kinesis Data Firehose, Kafka, a raw zone laid out as
 * Firehose writes S3 (in an S3 bucket or a local folder), or standard output; paced, optionally
 * with faults, flushed on SIGTERM/Ctrl-C.
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
  /** Without a terminal, a progress line every this many progress intervals (seconds). */
  private static final int LOG_EVERY_INTERVALS = 10;

  /** S3's rule for new bucket names (besides: no "..", not an IP address). */
  private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** Object names take up to 100 bytes of S3's 1024-byte keys. */
  private static final int MAX_PREFIX_BYTES = 900;

  /** How long a shutdown signal waits for the run to flush before the JVM exits anyway. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofMinutes(3);

  enum SinkKind {
    FIREHOSE,
    KAFKA,
    S3,
    LOCAL,
    STDOUT
  }

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--sink",
      required = true,
      paramLabel = "firehose|kafka|s3|local|stdout",
      converter = SinkKindConverter.class,
      description = "Where records go.")
  SinkKind sink;

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description = "The raw zone directory (created if missing); required for --sink local.")
  Path out;

  @Option(
      names = "--records",
      paramLabel = "N",
      description =
          "How many records to generate (default: no limit; stop with --duration or Ctrl-C).")
  Long records;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = SpanConverter.class,
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
      converter = SpanConverter.class,
      description =
          "Spread the --records events evenly over this, e.g. 24h, 90m, PT1H (a backfill; default:"
              + " one event per 1/rate seconds, 200 ms at --rate 0).")
  Duration span;

  @Option(
      names = "--stream",
      paramLabel = "NAME",
      description =
          "Firehose delivery stream; for --sink s3 and local the stream name in object names"
              + " (default: "
              + RawZoneLayout.DEFAULT_STREAM_NAME
              + ").")
  String stream;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region for --sink firehose and s3 (default: $AWS_REGION, else us-east-1).")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Firehose or S3 endpoint instead of the region's (a VPC endpoint, an S3-compatible"
              + " store, a test server).")
  URI endpointUrl;

  @Option(
      names = "--bucket",
      paramLabel = "BUCKET",
      description = "S3 bucket for --sink s3 (it must exist).")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description =
          "--sink s3: key prefix, e.g. raw/ (a '/' is added if missing; default: none, objects"
              + " start at YYYY/).")
  String prefix;

  @Option(
      names = "--path-style",
      negatable = true,
      description =
          "--sink s3: address the bucket in the URL path, not the host name (default: on with"
              + " --endpoint-url, as S3-compatible stores want; --no-path-style turns it off).")
  Boolean pathStyle;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT,...",
      description = "Kafka brokers for --sink kafka (for MSK: the cluster's bootstrap brokers).")
  String bootstrapServers;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "Kafka topic for --sink kafka.")
  String topic;

  @Option(
      names = "--dead-letter",
      paramLabel = "FILE",
      description =
          "Where records that cannot be delivered go, one JSON line each (default:"
              + " $LOGLAKE_HOME/dead-letter/produce-<sink>-<time>.ndjson, created only if needed).")
  Path deadLetter;

  @Option(
      names = "--late-fraction",
      paramLabel = "F",
      defaultValue = "0",
      description = "Fraction of records stamped 1-6 hours earlier than sent (default: 0).")
  double lateFraction;

  @Option(
      names = "--duplicate-fraction",
      paramLabel = "F",
      defaultValue = "0",
      description = "Fraction of records sent a second time, 1-50 records later (default: 0).")
  double duplicateFraction;

  @Option(
      names = "--malformed-fraction",
      paramLabel = "F",
      defaultValue = "0",
      description = "Fraction of records cut short into broken JSON lines (default: 0).")
  double malformedFraction;

  @Option(
      names = "--buffer-size",
      paramLabel = "BYTES",
      description =
          "--sink s3 and local: deliver an object when this many uncompressed bytes are buffered"
              + " (default: 1048576).")
  Long bufferSize;

  @Option(
      names = "--buffer-interval",
      paramLabel = "SECONDS",
      description = "...or when a record arrives this long after the object's first (default: 60).")
  Long bufferInterval;

  @Option(
      names = "--linger",
      paramLabel = "DURATION",
      converter = SpanConverter.class,
      description =
          "--sink firehose: send a partial batch once its first record has waited this long, e.g."
              + " 1s, 200ms; 0s waits for a full batch (default: 1s).")
  Duration linger;

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
    double perSecond = rate();
    GeneratorConfig config = generatorConfig();
    FaultInjector.Faults faults =
        validated(
            () -> new FaultInjector.Faults(lateFraction, duplicateFraction, malformedFraction),
            "Cannot use the fault options");
    LogGenerator generated = generator(config, perSecond);
    FaultInjector faulty = new FaultInjector(generated, faults, seed);
    PrintWriter err = spec.commandLine().getErr();
    Path deadLetterPath = deadLetterPath();
    RecordSink recordSink = sink(deadLetterPath, err, generated.runSeed());

    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread onSignal =
        new Thread(
            () -> {
              stop.set(true);
              try {
                finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "loglake-produce-shutdown");
    Runtime.getRuntime().addShutdownHook(onSignal);
    boolean terminal = System.console() != null && sink != SinkKind.STDOUT;
    ProgressPrinter progress = new ProgressPrinter(err, terminal);
    ProduceSummary summary;
    try {
      summary = produce(faults.any() ? faulty : generated, recordSink, perSecond, stop, progress);
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
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it returns now that the run has finished.
      }
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

  private String describe(
      ProduceSummary summary, FaultInjector.FaultCounts faults, Path deadLetterPath) {
    String destination =
        switch (sink) {
          case LOCAL -> "under " + out;
          case S3 -> "to " + s3Destination();
          case FIREHOSE -> "to Firehose stream " + streamName();
          case KAFKA -> "to Kafka topic " + topic;
          case STDOUT -> "to standard output";
        };
    boolean deadLetters =
        sink == SinkKind.FIREHOSE || sink == SinkKind.KAFKA || sink == SinkKind.S3;
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
    return config;
  }

  /**
   * @param runSeed seeds the object names of the raw-zone sinks, as the records'
   */
  private RecordSink sink(Path deadLetterPath, PrintWriter err, long runSeed) {
    rejectOptionsOfOtherSinks();
    Consumer<String> notices =
        notice -> {
          err.println("loglake: " + notice);
          err.flush();
        };
    return switch (sink) {
      case LOCAL -> localSink(runSeed);
      case STDOUT -> StdoutSink.forStandardOutput();
      case FIREHOSE -> firehoseSink(deadLetterPath, notices);
      case KAFKA -> kafkaSink(deadLetterPath, notices);
      case S3 -> s3Sink(deadLetterPath, notices, runSeed);
    };
  }

  private void rejectOptionsOfOtherSinks() {
    if (sink != SinkKind.LOCAL && out != null) {
      throw usageError(
          "Cannot use --out with --sink "
              + name(sink)
              + ": folder options apply to --sink local only");
    }
    if (sink != SinkKind.LOCAL
        && sink != SinkKind.S3
        && (bufferSize != null || bufferInterval != null)) {
      throw usageError(
          "Cannot use --buffer-size or --buffer-interval with --sink "
              + name(sink)
              + ": they apply to --sink s3 and local only");
    }
    if (sink == SinkKind.STDOUT && stream != null) {
      throw usageError(
          "Cannot use --stream with --sink stdout: it applies to --sink firehose, s3 and local"
              + " only");
    }
    if (sink != SinkKind.FIREHOSE
        && sink != SinkKind.S3
        && (region != null || endpointUrl != null)) {
      throw usageError(
          "Cannot use --region or --endpoint-url with --sink "
              + name(sink)
              + ": they apply to --sink firehose and s3 only");
    }
    if (sink != SinkKind.FIREHOSE && linger != null) {
      throw usageError(
          "Cannot use --linger with --sink "
              + name(sink)
              + ": it applies to --sink firehose only"
              + " (Kafka lingers 20 ms; the raw-zone sinks use --buffer-interval)");
    }
    if (sink != SinkKind.S3 && (bucket != null || prefix != null || pathStyle != null)) {
      throw usageError(
          "Cannot use --bucket, --prefix or --path-style with --sink "
              + name(sink)
              + ": they apply to --sink s3 only");
    }
    if (sink != SinkKind.KAFKA && (bootstrapServers != null || topic != null)) {
      throw usageError(
          "Cannot use --bootstrap-servers or --topic with --sink "
              + name(sink)
              + ": they apply to --sink kafka only");
    }
    if (deadLetter != null
        && sink != SinkKind.FIREHOSE
        && sink != SinkKind.KAFKA
        && sink != SinkKind.S3) {
      throw usageError(
          "Cannot use --dead-letter with --sink "
              + name(sink)
              + ": only --sink firehose, kafka and s3 dead-letter records");
    }
  }

  private RecordSink localSink(long runSeed) {
    if (out == null) {
      throw usageError(
          "Cannot write to --sink local: --out PATH is required (the raw zone directory)");
    }
    return LocalRawZoneSink.forGeneratedData(out, rawZoneLayout(), bufferingHints(), runSeed);
  }

  private RawZoneLayout rawZoneLayout() {
    return validated(() -> new RawZoneLayout(streamName()), "Cannot use --stream '" + stream + "'");
  }

  private BufferingHints bufferingHints() {
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
    return hints;
  }

  private RecordSink firehoseSink(Path deadLetterPath, Consumer<String> notices) {
    rawZoneLayout();
    Region awsRegion = awsRegion();
    checkEndpointUrl();
    return new FirehoseSink(
        FirehoseSink.client(awsRegion, endpointUrl),
        streamName(),
        RetryPolicy.DEFAULT,
        new DeadLetterFile(deadLetterPath),
        notices,
        linger != null ? linger : FirehoseSink.DEFAULT_LINGER);
  }

  private RecordSink s3Sink(Path deadLetterPath, Consumer<String> notices, long runSeed) {
    if (bucket == null) {
      throw usageError("Cannot write to --sink s3: --bucket BUCKET is required");
    }
    if (!S3_BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw usageError(
          "Cannot use --bucket '"
              + bucket
              + "': a bucket name is 3 to 63 lower-case letters,"
              + " digits, '.' or '-', starting and ending with a letter or digit");
    }
    String keyPrefix = s3Prefix();
    RawZoneLayout layout = rawZoneLayout();
    BufferingHints hints = bufferingHints();
    Region awsRegion = awsRegion();
    checkEndpointUrl();
    boolean pathStyleAccess = pathStyle != null ? pathStyle : endpointUrl != null;
    S3RawObjectStore store =
        new S3RawObjectStore(
            bucket,
            keyPrefix,
            awsRegion,
            endpointUrl,
            pathStyleAccess,
            S3RawObjectStore.DEFAULT_MAX_ATTEMPTS);
    return S3Sink.forGeneratedData(
        store, layout, hints, runSeed, new DeadLetterFile(deadLetterPath), notices);
  }

  /** The key prefix: as given, with a '/' added if missing; empty without --prefix. */
  private String s3Prefix() {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    if (prefix.startsWith("/") || prefix.contains("//")) {
      throw usageError(
          "Cannot use --prefix '"
              + prefix
              + "': it must not start with '/' nor hold '//' (S3"
              + " keys would get empty folder names), e.g. raw/ or logs/raw/");
    }
    if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
      throw usageError(
          "Cannot use --prefix of "
              + prefix.length()
              + " characters: at most "
              + MAX_PREFIX_BYTES
              + " bytes leave room for the object names in S3's 1024-byte keys");
    }
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }

  private String s3Destination() {
    return "s3://" + bucket + "/" + s3Prefix();
  }

  private Region awsRegion() {
    String regionName =
        region != null
            ? region
            : System.getenv("AWS_REGION") != null ? System.getenv("AWS_REGION") : "us-east-1";
    if (!regionName.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
      throw usageError(
          "Cannot use --region " + regionName + ": not an AWS region name such as us-east-1");
    }
    return Region.of(regionName);
  }

  private void checkEndpointUrl() {
    if (endpointUrl != null
        && (endpointUrl.getScheme() == null
            || !(endpointUrl.getScheme().equals("https") || endpointUrl.getScheme().equals("http"))
            || endpointUrl.getHost() == null)) {
      throw usageError(
          "Cannot use --endpoint-url " + endpointUrl + ": it must be an http(s)://host[:port] URL");
    }
  }

  private RecordSink kafkaSink(Path deadLetterPath, Consumer<String> notices) {
    if (bootstrapServers == null
        || bootstrapServers.isBlank()
        || topic == null
        || topic.isBlank()) {
      throw usageError(
          "Cannot write to --sink kafka: --bootstrap-servers HOST:PORT and --topic TOPIC are"
              + " required");
    }
    if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
      throw usageError(
          "Cannot use --topic '"
              + topic
              + "': a Kafka topic is 1 to 249 letters, digits, '.', '_'"
              + " or '-'");
    }
    try {
      return new KafkaSink(
          bootstrapServers, topic, Map.of(), new DeadLetterFile(deadLetterPath), notices);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw usageError(
          "Cannot use --bootstrap-servers " + bootstrapServers + ": " + e.getMessage());
    }
  }

  private String streamName() {
    return stream != null ? stream : RawZoneLayout.DEFAULT_STREAM_NAME;
  }

  private Path deadLetterPath() {
    if (deadLetter != null) {
      return deadLetter;
    }
    String time =
        DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    return LoglakeHome.fromEnvironment()
        .root()
        .resolve("dead-letter")
        .resolve("produce-" + name(sink) + "-" + time + ".ndjson");
  }

  private static String name(SinkKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
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

  /**
   * Progress on standard error: on a terminal, one line rewritten at most once a second; otherwise
   * a log line every {@value #LOG_EVERY_INTERVALS} seconds.
   */
  private static final class ProgressPrinter implements ProgressListener {
    private final PrintWriter err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastNanos = started;
    private long lastSent;
    private int calls;
    private boolean printed;

    ProgressPrinter(PrintWriter err, boolean terminal) {
      this.err = err;
      this.terminal = terminal;
    }

    @Override
    public void onProgress(long recordsSent, SinkStats delivered) {
      calls++;
      if (!terminal && calls % LOG_EVERY_INTERVALS != 0) {
        return;
      }
      long now = System.nanoTime();
      double rate = (recordsSent - lastSent) / Math.max(1e-9, (now - lastNanos) / 1e9);
      lastNanos = now;
      lastSent = recordsSent;
      String line =
          String.format(
              Locale.ROOT,
              "%d sent, %d delivered, %d retried, %d failed (dead-lettered), %.0f records/s",
              recordsSent,
              delivered.records(),
              delivered.retried(),
              delivered.deadLettered(),
              rate);
      if (terminal) {
        err.print("\r" + line + "   ");
        printed = true;
      } else {
        err.printf(Locale.ROOT, "loglake produce: after %.0f s: %s%n", (now - started) / 1e9, line);
      }
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
            "'" + value + "' is not a sink: use firehose, kafka, s3, local or stdout");
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
