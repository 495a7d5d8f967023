package io.loglake.producer;

import io.loglake.LoglakeException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Objects in an S3 bucket (or an S3-compatible store), one {@code PutObject} each: S3 makes an
 * object visible only once all of it is stored, so a reader never sees half an object. Keys are
 * {@code <prefix><key>}, each sent with its Content-MD5, which S3 checks before storing it.
 *
 * <p>Retries are the AWS SDK's standard mode (exponential back-off with jitter, longer when
 * throttled), bounded at {@value #DEFAULT_MAX_ATTEMPTS} attempts per object, and only for what a
 * retry may cure. What decides a failure: a 5xx, throttling, a request timeout or a connection that
 * failed, still failing after the last attempt, concerns that object ({@link
 * RawObjectStore.ObjectNotWrittenException}); any other answer (no such bucket, access denied,
 * wrong region, bad credentials, an error status without an S3 error code, as a server that is not
 * S3 gives), a host name that does not resolve, or a request that could not even be sent (no
 * credentials) concerns every object: it is not retried, and is a {@link LoglakeException} whose
 * hint says what to do. Credentials come from the SDK's default chain only.
 */
public final class S3RawObjectStore implements RawObjectStore {
  public static final int DEFAULT_MAX_ATTEMPTS = 8;

  private static final String CONTENT_TYPE = "application/gzip";

  /** Error codes S3 answers with a 4xx that still concern one request only. */
  private static final Set<String> TRANSIENT_CODES =
      Set.of("RequestTimeout", "RequestTimeTooSkewed");

  private final String bucket;
  private final String prefix;
  private final URI endpoint;
  private final S3Client client;
  private final AtomicInteger attempts = new AtomicInteger();
  private boolean closed;

  /**
   * @param prefix prepended to every key as it is: empty, or ending with '/' for a folder
   * @param endpoint an S3-compatible store or a VPC endpoint instead of the region's; null for AWS
   * @param pathStyle address the bucket in the path ({@code http://host/bucket/key}) rather than in
   *     the host name, as most S3-compatible stores want
   */
  public S3RawObjectStore(
      String bucket,
      String prefix,
      Region region,
      URI endpoint,
      boolean pathStyle,
      int maxAttempts) {
    this.bucket = bucket;
    this.prefix = prefix;
    this.endpoint = endpoint;
    var builder =
        S3Client.builder()
            .region(region)
            .forcePathStyle(pathStyle)
            // Content-MD5 instead of the SDK's default trailing CRC32 (aws-chunked uploads), which
            // S3-compatible stores often reject: S3 and they all check an MD5 and refuse a
            // mismatch.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                            DefaultRetryStrategy.standardStrategyBuilder()
                                .maxAttempts(maxAttempts)
                                .circuitBreakerEnabled(false)
                                .retryOnException(S3RawObjectStore::retryable)
                                .treatAsThrottling(S3RawObjectStore::throttled)
                                // The SDK's own conditions would add retries of every I/O error,
                                // an unknown host among them.
                                .useClientDefaults(false)
                                .build())
                        .apiCallAttemptTimeout(Duration.ofMinutes(2))
                        .addExecutionInterceptor(new AttemptCounter(attempts)));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    this.client = builder.build();
  }

  public String bucket() {
    return bucket;
  }

  public String prefix() {
    return prefix;
  }

  @Override
  public int put(String key, byte[] data, int length) {
    String objectKey = prefix + key;
    PutObjectRequest request =
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(objectKey)
            .contentType(CONTENT_TYPE)
            .contentLength((long) length)
            .contentMD5(md5(data, length))
            .build();
    attempts.set(0);
    try {
      client.putObject(
          request,
          RequestBody.fromContentProvider(
              () -> new ByteArrayInputStream(data, 0, length), length, CONTENT_TYPE));
      return Math.max(1, attempts.get());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String reason =
          (code == null || code.isEmpty() ? "HTTP " + e.statusCode() : code)
              + ": "
              + SdkFailures.message(e);
      if (transientAnswer(e)) {
        throw new ObjectNotWrittenException(reason, attempts.get(), e);
      }
      throw new LoglakeException(
          "Cannot write raw object " + location(key) + ": " + reason, hintFor(code, e), e);
    } catch (SdkClientException e) {
      String unrecoverable = SdkFailures.unrecoverableHint(e, "--endpoint-url and --region");
      if (unrecoverable == null && attempts.get() > 0 && SdkFailures.causedByIo(e)) {
        throw new ObjectNotWrittenException(SdkFailures.message(e), attempts.get(), e);
      }
      String host = SdkFailures.unknownHost(e);
      throw new LoglakeException(
          "Cannot write raw object "
              + location(key)
              + ": "
              + (host != null ? "unknown host " + host : SdkFailures.message(e)),
          unrecoverable != null ? unrecoverable : "check --endpoint-url and --region",
          e);
    }
  }

  @Override
  public String location(String key) {
    return "s3://" + bucket + "/" + prefix + key;
  }

  @Override
  public String description() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      client.close();
    }
  }

  private String hintFor(String code, AwsServiceException e) {
    String where = "s3://" + bucket;
    return switch (code == null ? "" : code) {
      case "NoSuchBucket" ->
          "create the bucket (aws s3 mb "
              + where
              + "), or check --bucket, --region and --endpoint-url";
      case "AccessDenied", "AllAccessDisabled", "AccountProblem" ->
          "check that the credentials (the SDK's default chain: environment, profile, instance"
              + " role) allow s3:PutObject on arn:aws:s3:::"
              + bucket
              + "/"
              + prefix
              + "*";
      case "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "InvalidToken",
          "TokenRefreshRequired" ->
          "check the AWS credentials (the SDK's default chain: environment, profile, instance"
              + " role): S3 did not accept them";
      case "PermanentRedirect",
          "AuthorizationHeaderMalformed",
          "IllegalLocationConstraintException" ->
          e.awsErrorDetails()
              .sdkHttpResponse()
              .firstMatchingHeader("x-amz-bucket-region")
              .map(actual -> "the bucket is in " + actual + ": pass --region " + actual)
              .orElse("the bucket is in another region: pass its region with --region");
      case "InvalidBucketName" -> "check --bucket " + bucket;
      case "" ->
          "the server at "
              + (endpoint != null ? endpoint.toString() : "S3")
              + " answered HTTP "
              + e.statusCode()
              + " without an S3 error code: check --endpoint-url (an S3 or S3-compatible"
              + " endpoint, not a website or proxy) and --bucket";
      default -> "check the bucket's configuration and the error above";
    };
  }

  private static String md5(byte[] data, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(data, 0, length);
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  /** An answer that concerns this request only: a 5xx, throttling, a request timeout. */
  private static boolean transientAnswer(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.statusCode() >= 500
        || e.statusCode() == 429
        || e.isThrottlingException()
        || (code != null && TRANSIENT_CODES.contains(code));
  }

  /** Whether the SDK tries {@code failure} again: what concerns one request, never the store. */
  private static boolean retryable(Throwable failure) {
    if (failure instanceof AwsServiceException e) {
      return transientAnswer(e);
    }
    if (SdkFailures.unrecoverableHint(failure, "") != null) {
      return false;
    }
    return failure instanceof ApiCallAttemptTimeoutException
        || (failure instanceof SdkClientException && SdkFailures.causedByIo(failure));
  }

  private static boolean throttled(Throwable failure) {
    return failure instanceof AwsServiceException e
        && (e.isThrottlingException() || e.statusCode() == 503);
  }

  /** Counts the HTTP attempts of the calls in progress (sync client: the caller's thread). */
  private static final class AttemptCounter implements ExecutionInterceptor {
    private final AtomicInteger attempts;

    AttemptCounter(AtomicInteger attempts) {
      this.attempts = attempts;
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
      attempts.incrementAndGet();
    }
  }
}
