package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {
  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    assertThat(Spread.of(List.of(30, 10, 20))).isEqualTo(new Spread(20, 10, 30));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Spread.of(List.of(4L, 1L, 3L, 10L))).isEqualTo(new Spread(3.5, 1, 10));
  }

  @Test
  void dividedByScalesEveryValue() {
    assertThat(new Spread(2000, 1000, 3000).dividedBy(1000)).isEqualTo(new Spread(2, 1, 3));
  }

  @Test
  void noValuesIsAnError() {
    assertThatThrownBy(() -> Spread.of(List.of())).hasMessageContaining("no values");
  }

  @Test
  void ratiosArePerRound() {
    assertThat(Spread.ratios(new double[] {10, 30}, new double[] {20, 10}))
        .containsExactly(0.5, 3.0);
    assertThatThrownBy(() -> Spread.ratios(new double[] {1}, new double[] {1, 2}))
        .hasMessageContaining("1 numerators, 2 denominators");
  }
}
