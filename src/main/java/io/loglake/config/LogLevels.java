package io.loglake.config;

import java.util.List;
import java.util.Set;

/** The log levels a run can keep ({@code --levels}). */
public final class LogLevels {
  /**
   * The levels a run can keep, normalised ({@code WARNING} is {@code WARN}): those of log4j/SLF4J,
   * syslog's and Python's logging ({@code CRITICAL}). The parser keeps any level asked for, so an
   * unknown name here is a typo ({@code EROR}) that would keep nothing: it is refused instead.
   */
  public static final List<String> KNOWN =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "CRITICAL");

  /** Fails naming the first level of {@code levels} that is not one of {@link #KNOWN}. */
  public static void check(Set<String> levels) {
    if (levels == null || levels.isEmpty()) {
      throw new IllegalArgumentException("at least one level is required");
    }
    for (String level : levels) {
      if (!KNOWN.contains(level)) {
        throw new IllegalArgumentException(
            "'"
                + level
                + "' is not a level; the levels are "
                + String.join(", ", KNOWN)
                + " (WARNING = WARN)");
      }
    }
  }

  private LogLevels() {}
}
