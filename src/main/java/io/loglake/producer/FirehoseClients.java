package io.loglake.producer;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Firehose clients for {@link FirehoseSink}: the SDK's own retries off, since the sink does the
 * retrying so that its bounds ({@link RetryPolicy}) hold.
 */
public final class FirehoseClients {
  private FirehoseClients() {}

  /**
   * A Firehose client for {@code region}, at {@code endpoint} if not null (a VPC endpoint, a test
   * server), with credentials from the SDK's default chain and the SDK's own retries off.
   */
  public static FirehoseClient create(Region region, URI endpoint) {
    return create(region, endpoint, DefaultCredentialsProvider.builder().build());
  }

  /** {@link #create(Region, URI)} with {@code credentials} instead of the default chain. */
  static FirehoseClient create(Region region, URI endpoint, AwsCredentialsProvider credentials) {
    var builder =
        FirehoseClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(30)))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(60)));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }
}
