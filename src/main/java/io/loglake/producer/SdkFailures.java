package io.loglake.producer;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How the AWS sinks read an AWS SDK failure: what retrying cannot cure (no credentials, a host name
 * that does not resolve) and the failure's text for people, without the SDK's own attempt count
 * (the sinks count their attempts themselves).
 */
final class SdkFailures {
  private static final Pattern SDK_ATTEMPT_COUNT =
      Pattern.compile("\\s*\\(SDK Attempt Count: \\d+\\)");

  /** The SDK's words when its credentials provider chain found nothing usable. */
  private static final String NO_CREDENTIALS = "Unable to load credentials";

  private SdkFailures() {}

  /** The exception's message without "(SDK Attempt Count: n)"; its class name if it has none. */
  static String message(Throwable e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    return SDK_ATTEMPT_COUNT.matcher(message).replaceAll("").trim();
  }

  /**
   * A hint for a failure that every later request would meet as well and that retrying cannot cure,
   * or null if {@code e} is not one: credentials that cannot be loaded, an unknown host.
   *
   * @param endpointOption the option that sets the host, e.g. {@code --endpoint-url and --region}
   */
  static String unrecoverableHint(Throwable e, String endpointOption) {
    UnknownHostException unknownHost = cause(e, UnknownHostException.class);
    if (unknownHost != null) {
      return "the host name "
          + unknownHost.getMessage()
          + " does not resolve: check "
          + endpointOption
          + ", and the network's DNS";
    }
    if (e instanceof SdkClientException
        && String.valueOf(e.getMessage()).contains(NO_CREDENTIALS)) {
      return "provide AWS credentials through the SDK's default chain (AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or an instance or task role)";
    }
    return null;
  }

  /** The host name that did not resolve, if that is what failed; else null. */
  static String unknownHost(Throwable e) {
    UnknownHostException unknownHost = cause(e, UnknownHostException.class);
    return unknownHost == null ? null : unknownHost.getMessage();
  }

  static boolean causedByIo(Throwable e) {
    return cause(e, IOException.class) != null;
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
