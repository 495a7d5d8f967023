package io.loglake.producer;

import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;

/**
 * How {@link FirehoseSink} reads Firehose's errors: which a retry may cure, which are throttling (a
 * longer back-off), and what to do about the others.
 */
final class FirehoseErrors {
  /** Per-entry error code Firehose gives when a stream's throughput is exceeded. */
  static final String THROTTLED = "ServiceUnavailableException";

  private FirehoseErrors() {}

  /** A 5xx or throttling: the call may succeed if sent again. */
  static boolean isRetryable(AwsServiceException e) {
    return e.statusCode() >= 500 || e.statusCode() == 429 || isThrottling(e);
  }

  static boolean isThrottling(AwsServiceException e) {
    String code = errorCode(e);
    return e.isThrottlingException()
        || THROTTLED.equals(code)
        || "LimitExceededException".equals(code)
        || "ThrottlingException".equals(code);
  }

  /** The service's error code: empty without error details, null if they hold none. */
  static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
  }

  static boolean noErrorCode(List<PutRecordBatchResponseEntry> entries) {
    for (PutRecordBatchResponseEntry entry : entries) {
      if (entry.errorCode() != null) {
        return false;
      }
    }
    return true;
  }

  /** Whether Firehose rejected any entry for throughput. */
  static boolean anyThrottled(List<PutRecordBatchResponseEntry> entries) {
    return entries.stream().anyMatch(entry -> THROTTLED.equals(entry.errorCode()));
  }

  /** The last rejected entry's "code: message", null if none was rejected. */
  static String lastError(List<PutRecordBatchResponseEntry> entries) {
    String last = null;
    for (PutRecordBatchResponseEntry entry : entries) {
      if (entry.errorCode() != null) {
        last = entry.errorCode() + ": " + entry.errorMessage();
      }
    }
    return last;
  }

  /** What to do about an error that retrying cannot cure, by its error code (may be null). */
  static String hintFor(String code, String stream) {
    return switch (code == null ? "" : code) {
      case "ResourceNotFoundException" ->
          "check --stream " + stream + " and --region: no such delivery stream there";
      case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException" ->
          "check the AWS credentials (the SDK's default chain: environment, profile, instance"
              + " role) and that they allow firehose:PutRecordBatch on "
              + stream;
      default -> "check the stream's configuration and the error above";
    };
  }
}
