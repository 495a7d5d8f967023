package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void stackTracesArePrintedOnAPlatformOrWhenAskedFor() {
    assertThat(Main.printsStackTraces(null, true)).isFalse();
    assertThat(Main.printsStackTraces("1", true)).isTrue();
    // Glue, EMR, spark-submit: no environment variable can be set for the driver.
    assertThat(Main.printsStackTraces(null, false)).isTrue();
  }
}
