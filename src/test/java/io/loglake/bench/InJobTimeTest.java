package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InJobTimeTest {
  @Test
  void inJobTimeIsReadFromItsLine() {
    assertThat(InJobTime.parse("INFO starting\nbench in-job ms: 4321\nbye\n")).hasValue(4321);
  }

  @Test
  void outputWithoutTheLineHasNone() {
    assertThat(InJobTime.parse("bench in-job ms: soon\n")).isEmpty();
  }
}
