package io.loglake.transform;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Normalises log levels: trimmed, upper-cased, {@code WARNING} read as {@code WARN}. */
public final class LevelNormalizer {
  private LevelNormalizer() {}

  /** The normalised level, or null when {@code raw} is null or blank. */
  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String level = raw.trim().toUpperCase(Locale.ROOT);
    if (level.isEmpty()) {
      return null;
    }
    return level.equals("WARNING") ? "WARN" : level;
  }

  /** Parses a comma-separated level list such as {@code WARN,ERROR}, normalising each entry. */
  public static Set<String> parseList(String commaSeparated) {
    Set<String> levels = new LinkedHashSet<>();
    for (String part : commaSeparated.split(",")) {
      String level = normalize(part);
      if (level != null) {
        levels.add(level);
      }
    }
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("no level in '" + commaSeparated + "'");
    }
    return levels;
  }
}
