package io.loglake.pii;

import io.loglake.LoglakeException;
import io.loglake.config.HashKeySource;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** The hash key from an environment variable ({@code --hash-key-env}), as its UTF-8 bytes. */
public final class EnvironmentHashKey implements HashKeySource {
  private final String name;
  private final Map<String, String> env;

  /** The variable {@code name} of {@code env} (the process's: {@link System#getenv()}). */
  public EnvironmentHashKey(String name, Map<String, String> env) {
    this.name = Objects.requireNonNull(name, "name");
    this.env = Objects.requireNonNull(env, "env");
  }

  public String name() {
    return name;
  }

  @Override
  public String describe() {
    return "environment variable " + name;
  }

  @Override
  public byte[] read() {
    String value = env.get(name);
    if (value == null) {
      throw new LoglakeException(
          "Cannot read the hash key: environment variable " + name + " is not set",
          "export "
              + name
              + "=<a random secret of at least 16 bytes, e.g. openssl rand -hex 32> (the same one"
              + " every run, or the hashes change), or give --hash-key-secret ID to read it from"
              + " AWS Secrets Manager; nothing was written");
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return describe();
  }
}
