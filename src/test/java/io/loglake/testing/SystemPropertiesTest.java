package io.loglake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SystemPropertiesTest {
  private static final String KEPT = "loglake.test.kept";
  private static final String ADDED = "loglake.test.added";
  private static final String EXTRA = "loglake.test.extra";

  @AfterEach
  void clear() {
    System.clearProperty(KEPT);
    System.clearProperty(ADDED);
    System.clearProperty(EXTRA);
  }

  @Test
  void perTestPropertiesArePutBackAfterTheTestAndNewOnesCleared() {
    System.setProperty(KEPT, "before");
    SystemProperties properties = SystemProperties.of(KEPT, "during", ADDED, "x");

    properties.beforeEach(null);
    properties.set(EXTRA, "y");
    assertThat(System.getProperty(KEPT)).isEqualTo("during");
    assertThat(System.getProperty(ADDED)).isEqualTo("x");
    assertThat(System.getProperty(EXTRA)).isEqualTo("y");
    properties.afterEach(null);

    assertThat(System.getProperty(KEPT)).isEqualTo("before");
    assertThat(System.getProperty(ADDED)).isNull();
    assertThat(System.getProperty(EXTRA)).isNull();
  }

  @Test
  void classWidePropertiesHoldAcrossTestsUntilTheClassEnds() {
    SystemProperties properties = SystemProperties.awsCredentials("key", "secret");

    properties.beforeAll(null);
    properties.beforeEach(null);
    properties.afterEach(null);
    assertThat(System.getProperty("aws.accessKeyId")).isEqualTo("key");
    assertThat(System.getProperty("aws.secretAccessKey")).isEqualTo("secret");
    properties.afterAll(null);

    assertThat(System.getProperty("aws.accessKeyId")).isNull();
    assertThat(System.getProperty("aws.secretAccessKey")).isNull();
  }
}
