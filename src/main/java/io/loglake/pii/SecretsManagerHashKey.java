package io.loglake.pii;

import io.loglake.LoglakeException;
import io.loglake.config.AwsEndpoints;
import io.loglake.config.HashKeySource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The hash key from AWS Secrets Manager ({@code --hash-key-secret ID}): the {@code SecretString} of
 * the secret's current version, as its UTF-8 bytes. One {@code GetSecretValue} call when read; the
 * caller needs {@code secretsmanager:GetSecretValue} on the secret (and {@code kms:Decrypt} on its
 * key when that is a customer-managed one).
 *
 * <p>Endpoint and region as the other AWS clients find them ({@link AwsEndpoints}: {@code
 * AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL}, else the region's; {@code
 * AWS_REGION}, else the SDK's chain); credentials from the SDK's default chain unless given.
 */
public final class SecretsManagerHashKey implements HashKeySource {
  /** The service id in the endpoint variables ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER}). */
  static final String SERVICE = "SECRETS_MANAGER";

  /** What the call may take in all, retries included: a hung endpoint never hangs a run. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final String secretId;
  private final AwsEndpoints endpoints;
  private final AwsCredentialsProvider credentials;

  /**
   * @param secretId the secret's name or ARN
   * @param endpoints where the call goes
   * @param credentials the credentials, or null for the SDK's default chain
   */
  public SecretsManagerHashKey(
      String secretId, AwsEndpoints endpoints, AwsCredentialsProvider credentials) {
    this.secretId = Objects.requireNonNull(secretId, "secretId");
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.credentials = credentials;
  }

  public String secretId() {
    return secretId;
  }

  @Override
  public String describe() {
    return "Secrets Manager secret " + secretId;
  }

  @Override
  public byte[] read() {
    String whatToDo =
        "check --hash-key-secret, the region (AWS_REGION), the endpoint"
            + " (AWS_ENDPOINT_URL_SECRETS_MANAGER, if any) and that the run's role may"
            + " secretsmanager:GetSecretValue on it; nothing was written";
    GetSecretValueResponse response;
    try (SecretsManagerClient client = client()) {
      response = client.getSecretValue(r -> r.secretId(secretId));
    } catch (ResourceNotFoundException e) {
      throw new LoglakeException(
          "Cannot read the hash key: Secrets Manager has no secret " + secretId, whatToDo, e);
    } catch (SdkException e) {
      throw new LoglakeException(
          "Cannot read the hash key from Secrets Manager secret "
              + secretId
              + ": "
              + e.getMessage(),
          whatToDo,
          e);
    }
    if (response.secretString() == null) {
      throw new LoglakeException(
          "Cannot read the hash key: Secrets Manager secret " + secretId + " has no SecretString",
          "store the key as the secret's text (SecretString), not as binary; nothing was written");
    }
    return response.secretString().getBytes(StandardCharsets.UTF_8);
  }

  private SecretsManagerClient client() {
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(30)))
            .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
    URI endpoint = endpoints.endpoint(SERVICE, null);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    if (endpoints.region() != null) {
      builder.region(Region.of(endpoints.region()));
    }
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder.build();
  }

  @Override
  public String toString() {
    return describe();
  }
}
