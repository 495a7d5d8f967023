package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasuredProcessTest {
  @Test
  void peakRssIsVmHwmInBytes() {
    String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t  100000 kB\n";
    assertThat(MeasuredProcess.vmHwmBytes(status)).isEqualTo(123456L * 1024);
  }

  @Test
  void aStatusWithoutVmHwmGivesZero() {
    assertThat(MeasuredProcess.vmHwmBytes("Name:\tjava\nState:\tZ (zombie)\n")).isZero();
  }
}
