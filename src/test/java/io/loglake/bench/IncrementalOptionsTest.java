package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalOptionsTest {
  @Test
  void defaultsAreTheFullBenchmark() {
    IncrementalOptions options = IncrementalOptions.parse(new String[0]);
    assertThat(options.quick()).isFalse();
    assertThat(options.recordsPerHour()).isEqualTo(15_000);
    assertThat(options.historyDays()).containsExactly(1, 30);
    assertThat(options.historyStepHours()).isEqualTo(24);
    assertThat(options.rounds()).isEqualTo(3);
    assertThat(options.formats()).containsExactly("parquet", "iceberg");
    assertThat(options.sizeId()).isEqualTo("r15000-d30-s24");
  }

  @Test
  void quickIsSmallAndOtherOptionsStillApply() {
    IncrementalOptions options =
        IncrementalOptions.parse(new String[] {"--quick", "--rounds", "2", "--format", "iceberg"});
    assertThat(options.recordsPerHour()).isEqualTo(500);
    assertThat(options.historyDays()).containsExactly(1, 3);
    assertThat(options.rounds()).isEqualTo(2);
    assertThat(options.formats()).isEqualTo(List.of("iceberg"));
  }

  @Test
  void historyStepAndDaysAreParsed() {
    IncrementalOptions options =
        IncrementalOptions.parse(
            new String[] {"--history-step", "1", "--days", "7", "--records-per-hour", "100"});
    assertThat(options.historyStepHours()).isEqualTo(1);
    assertThat(options.historyDays()).containsExactly(1, 7);
    assertThat(options.sizeId()).isEqualTo("r100-d7-s1");
  }

  @Test
  void badValuesAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> IncrementalOptions.parse(new String[] {"--rounds", "0"}))
        .hasMessageContaining("--rounds");
    assertThatThrownBy(() -> IncrementalOptions.parse(new String[] {"--history-step", "5"}))
        .hasMessageContaining("divisor of 24");
    assertThatThrownBy(() -> IncrementalOptions.parse(new String[] {"--days", "1"}))
        .hasMessageContaining("--days");
    assertThatThrownBy(() -> IncrementalOptions.parse(new String[] {"--format", "delta"}))
        .hasMessageContaining("delta");
    assertThatThrownBy(() -> IncrementalOptions.parse(new String[] {"--rounds"}))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> IncrementalOptions.parse(new String[] {"--bogus", "1"}))
        .hasMessageContaining("unknown option --bogus");
  }
}
