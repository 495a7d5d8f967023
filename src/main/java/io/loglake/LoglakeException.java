package io.loglake;

/**
 * A failure the user can act on: the message reads "Cannot &lt;action&gt;: &lt;reason&gt;" and
 * names the bad value or path; {@link #hint()} says what to do about it. The command line prints
 * both and exits 1.
 */
public class LoglakeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String hint;

  public LoglakeException(String message, String hint) {
    this(message, hint, null);
  }

  public LoglakeException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** What the user should do next; may be empty. */
  public String hint() {
    return hint == null ? "" : hint;
  }
}
