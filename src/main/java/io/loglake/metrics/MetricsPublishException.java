package io.loglake.metrics;

/** A run's metrics could not be published; the message reads "Cannot publish …: reason". */
public final class MetricsPublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetricsPublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
