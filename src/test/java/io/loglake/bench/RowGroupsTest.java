package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RowGroupsTest {
  private static final RowGroups.Key WARN_AUTH =
      new RowGroups.Key("2025-11-09", 0, "WARN", "auth-api");
  private static final RowGroups.Key ERROR_AUTH =
      new RowGroups.Key("2025-11-09", 0, "ERROR", "auth-api");
  private static final RowGroups.Key WARN_ORDER_HR1 =
      new RowGroups.Key("2025-11-09", 1, "WARN", "order-api");

  @Test
  void sameCountsHaveNoDifferences() {
    RowGroups a = new RowGroups(Map.of(WARN_AUTH, 5L, ERROR_AUTH, 2L));
    RowGroups b = new RowGroups(Map.of(ERROR_AUTH, 2L, WARN_AUTH, 5L));
    assertThat(b.differencesFrom(a, 10)).isEmpty();
    assertThat(a.rows()).isEqualTo(7);
  }

  @Test
  void differentAndMissingGroupsAreNamedWithBothCounts() {
    RowGroups expected = new RowGroups(Map.of(WARN_AUTH, 5L, ERROR_AUTH, 2L));
    RowGroups actual = new RowGroups(Map.of(WARN_AUTH, 4L, WARN_ORDER_HR1, 1L));
    assertThat(actual.differencesFrom(expected, 10))
        .containsExactly(
            "dt=2025-11-09/hr=0 ERROR auth-api: expected 2 rows, got 0",
            "dt=2025-11-09/hr=0 WARN auth-api: expected 5 rows, got 4",
            "dt=2025-11-09/hr=1 WARN order-api: expected 0 rows, got 1");
  }

  @Test
  void differencesBeyondTheLimitAreElided() {
    RowGroups expected = new RowGroups(Map.of(WARN_AUTH, 5L, ERROR_AUTH, 2L, WARN_ORDER_HR1, 1L));
    assertThat(new RowGroups(Map.of()).differencesFrom(expected, 2)).hasSize(3).endsWith("…");
  }
}
