package io.loglake.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets JVM system properties for a test class or a test and puts back what was there before
 * (clearing those that were unset), so nothing leaks into the next test of the same JVM — the
 * integration tests share one, and "no credentials" must stay testable there.
 *
 * <p>As a {@code static} {@code @RegisterExtension} field the properties hold for the whole class;
 * as an instance field, for each test. {@link #set} changes one more property until the same end.
 */
public final class SystemProperties
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Map<String, String> settings;
  private final Map<String, Optional<String>> before = new LinkedHashMap<>();
  private boolean classWide;

  private SystemProperties(Map<String, String> settings) {
    this.settings = settings;
  }

  /** The given properties; {@code keysAndValues} alternates keys and values. */
  public static SystemProperties of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new SystemProperties(settings);
  }

  /** Static AWS credentials, as the SDK's default chain reads them from system properties. */
  public static SystemProperties awsCredentials(String accessKeyId, String secretAccessKey) {
    return of("aws.accessKeyId", accessKeyId, "aws.secretAccessKey", secretAccessKey);
  }

  /** Sets {@code key} now; it is put back when this extension's scope ends. */
  public synchronized void set(String key, String value) {
    before.putIfAbsent(key, Optional.ofNullable(System.getProperty(key)));
    System.setProperty(key, value);
  }

  /** Clears {@code key} now; it is put back when this extension's scope ends. */
  public synchronized void clear(String key) {
    before.putIfAbsent(key, Optional.ofNullable(System.getProperty(key)));
    System.clearProperty(key);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    classWide = true;
    apply();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!classWide) {
      apply();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!classWide) {
      restore();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    restore();
  }

  private void apply() {
    settings.forEach(this::set);
  }

  private synchronized void restore() {
    before.forEach(
        (key, value) ->
            value.ifPresentOrElse(
                v -> System.setProperty(key, v), () -> System.clearProperty(key)));
    before.clear();
  }
}
