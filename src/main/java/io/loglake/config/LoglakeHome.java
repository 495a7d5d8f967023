package io.loglake.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one folder that holds all local state: the embedded metastore, its warehouse and the default
 * raw, curated and quarantine folders. {@code $LOGLAKE_HOME}, default {@code ./data}; two homes
 * never mix.
 */
public record LoglakeHome(Path root) {
  public static final String ENV = "LOGLAKE_HOME";

  public LoglakeHome {
    root = root.toAbsolutePath().normalize();
  }

  /** From the environment: {@code $LOGLAKE_HOME}, else {@code ./data}. */
  public static LoglakeHome fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static LoglakeHome fromEnvironment(Map<String, String> env) {
    String configured = env.get(ENV);
    return new LoglakeHome(
        Path.of(configured == null || configured.isBlank() ? "data" : configured));
  }

  public Path raw() {
    return root.resolve("raw");
  }

  public Path curated() {
    return root.resolve("curated");
  }

  public Path metastore() {
    return root.resolve("metastore");
  }

  public Path warehouse() {
    return root.resolve("warehouse");
  }
}
