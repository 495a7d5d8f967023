package io.loglake.cli.produce;

import io.loglake.cli.AwsOptions;
import io.loglake.cli.UsageErrors;
import io.loglake.config.AwsEndpoints;
import io.loglake.producer.BufferingHints;
import io.loglake.producer.DeadLetterFile;
import io.loglake.producer.RecordSink;
import io.loglake.producer.S3RawObjectStore;
import io.loglake.producer.S3Sink;
import io.loglake.schema.RawZoneLayout;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/** {@code --sink s3}: the raw zone's objects put in an S3 bucket (or an S3-compatible store). */
public final class S3Options {
  /** S3's rule for new bucket names (besides: no "..", not an IP address). */
  private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** Object names take up to 100 bytes of S3's 1024-byte keys. */
  private static final int MAX_PREFIX_BYTES = 900;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

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
              + " an endpoint that is not AWS's, from --endpoint-url or AWS_ENDPOINT_URL_S3, as"
              + " S3-compatible stores want; --no-path-style turns it off).")
  Boolean pathStyle;

  /**
   * @param runSeed seeds the object names, as the records'
   * @param notices told, one line each, about records dead-lettered
   */
  public RecordSink sink(
      StreamOption stream,
      BufferOptions buffering,
      AwsOptions aws,
      long runSeed,
      Path deadLetter,
      Consumer<String> notices) {
    if (bucket == null) {
      throw UsageErrors.of(command, "Cannot write to --sink s3: --bucket BUCKET is required");
    }
    if (!S3_BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw UsageErrors.of(
          command,
          "Cannot use --bucket '"
              + bucket
              + "': a bucket name is 3 to 63 lower-case letters,"
              + " digits, '.' or '-', starting and ending with a letter or digit");
    }
    String keyPrefix = keyPrefix();
    RawZoneLayout layout = stream.layout();
    BufferingHints hints = buffering.hints();
    Region region = aws.regionOrDefault();
    // --endpoint-url, else AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL: given to the SDK explicitly, so
    // that path-style addressing can follow it.
    URI endpoint = AwsEndpoints.fromEnvironment().endpoint("S3", aws.endpointUrl());
    boolean pathStyleAccess = pathStyle != null ? pathStyle : AwsEndpoints.pathStyle(endpoint);
    S3RawObjectStore store =
        new S3RawObjectStore(
            bucket,
            keyPrefix,
            region,
            endpoint,
            pathStyleAccess,
            S3RawObjectStore.DEFAULT_MAX_ATTEMPTS);
    return S3Sink.forGeneratedData(
        store, layout, hints, runSeed, new DeadLetterFile(deadLetter), notices);
  }

  /** Where the summary says the records went. */
  public String destination() {
    return "to s3://" + bucket + "/" + keyPrefix();
  }

  /** The key prefix: as given, with a '/' added if missing; empty without --prefix. */
  private String keyPrefix() {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    if (prefix.startsWith("/") || prefix.contains("//")) {
      throw UsageErrors.of(
          command,
          "Cannot use --prefix '"
              + prefix
              + "': it must not start with '/' nor hold '//' (S3"
              + " keys would get empty folder names), e.g. raw/ or logs/raw/");
    }
    if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
      throw UsageErrors.of(
          command,
          "Cannot use --prefix of "
              + prefix.length()
              + " characters: at most "
              + MAX_PREFIX_BYTES
              + " bytes leave room for the object names in S3's 1024-byte keys");
    }
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }
}
