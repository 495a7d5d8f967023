package io.loglake.cli;

import java.net.URI;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/**
 * {@code --region} and {@code --endpoint-url}, for the commands that call AWS ({@code produce}'s
 * Firehose and S3 sinks, {@code crawl --catalog glue}): each value is checked here, when the
 * command asks for it, and a bad one is a usage error of that command. Which sinks or catalogs read
 * them, and the default region, are the command's to say.
 */
public class AwsOptions {
  /** What an AWS region name looks like: us-east-1, eu-central-2, us-gov-west-1... */
  private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  private static final String FALLBACK_REGION = "us-east-1";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region: for produce --sink firehose and s3 (default: $AWS_REGION, else us-east-1)"
              + " and crawl --catalog glue (default: the AWS SDK's).")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "An endpoint instead of the region's: a VPC endpoint, an S3-compatible store, a test"
              + " server.")
  URI endpointUrl;

  /** Whether {@code --region} or {@code --endpoint-url} was given. */
  public boolean given() {
    return region != null || endpointUrl != null;
  }

  /** The {@code --region} given; null without one (the caller's default applies). */
  public Region givenRegion() {
    return region == null ? null : checkedRegion(region);
  }

  /** The {@code --region} given, else {@code $AWS_REGION}, else us-east-1. */
  public Region regionOrDefault() {
    if (region != null) {
      return checkedRegion(region);
    }
    String fromEnvironment = System.getenv("AWS_REGION");
    return checkedRegion(fromEnvironment != null ? fromEnvironment : FALLBACK_REGION);
  }

  /** The {@code --endpoint-url} given, an http(s)://host[:port] URL; null without one. */
  public URI endpointUrl() {
    if (endpointUrl != null
        && (endpointUrl.getScheme() == null
            || !(endpointUrl.getScheme().equals("https") || endpointUrl.getScheme().equals("http"))
            || endpointUrl.getHost() == null)) {
      throw UsageErrors.of(
          command,
          "Cannot use --endpoint-url " + endpointUrl + ": it must be an http(s)://host[:port] URL");
    }
    return endpointUrl;
  }

  private Region checkedRegion(String name) {
    if (!REGION_NAME.matcher(name).matches()) {
      throw UsageErrors.of(
          command, "Cannot use --region " + name + ": not an AWS region name such as us-east-1");
    }
    return Region.of(name);
  }
}
