package io.loglake.testing;

/**
 * An error answered by the WebDriver server (chromedriver) to one command: the W3C error code (e.g.
 * {@code no such element}, {@code javascript error}, {@code invalid argument}) and the driver's
 * message, with the command that failed. The driver's native stack trace is not kept (addresses
 * only).
 */
public final class WebDriverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String error;
  private final String command;

  WebDriverException(String command, String error, String message) {
    super(command + " failed: " + error + ": " + message);
    this.error = error;
    this.command = command;
  }

  /** The W3C error code, as the WebDriver specification's error table names it. */
  public String error() {
    return error;
  }

  /** The HTTP method and path of the command, e.g. {@code POST /session/…/element}. */
  public String command() {
    return command;
  }
}
