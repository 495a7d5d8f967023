package io.loglake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogFilterTest {
  @Test
  void emptyQueryIsNoFilter() {
    assertThat(LogFilter.parse(null)).isEqualTo(LogFilter.NONE);
    assertThat(LogFilter.parse("")).isEqualTo(LogFilter.NONE);
    assertThat(LogFilter.parse("service=&level=&from=&to=&page=")).isEqualTo(LogFilter.NONE);
  }

  @Test
  void parsesEveryFilter() {
    LogFilter f =
        LogFilter.parse(
            "service=pay%20ments&level=warn&from=2026-11-30T10:00:00Z&to=2026-11-30T11:00&page=3");
    assertThat(f)
        .isEqualTo(
            new LogFilter(
                "pay ments",
                "WARN",
                Instant.parse("2026-11-30T10:00:00Z"),
                Instant.parse("2026-11-30T11:00:00Z"),
                3));
  }

  @Test
  void serviceIsAnyTextKeptVerbatim() {
    for (String text : new String[] {"' OR '1'='1", "a; DROP TABLE t; --", "/* */", "\"q\""}) {
      assertThat(LogFilter.parse("service=" + Html.urlEncode(text)).service()).isEqualTo(text);
    }
  }

  @Test
  void badValuesNameTheirParameter() {
    assertBad("level=ERROR' OR '1'='1", "level");
    assertBad("level=NOTICE", "level");
    assertBad("from=yesterday", "from");
    assertBad("to=2026-11-30;DROP", "to");
    assertBad("from=2026-11-30T11:00:00Z&to=2026-11-30T10:00:00Z", "to");
    assertBad("page=0", "page");
    assertBad("page=1001", "page");
    assertBad("page=2--", "page");
    assertBad("page=99999999999999999999", "page");
    assertBad("service=" + "x".repeat(201), "service");
    assertBad("service=%zz", "service");
  }

  @Test
  void toQueryRoundTrips() {
    LogFilter f =
        new LogFilter("o'hare & co", "ERROR", Instant.parse("2026-11-30T10:00:00Z"), null, 2);
    assertThat(LogFilter.parse(f.toQuery())).isEqualTo(f);
    assertThat(LogFilter.NONE.toQuery()).isEmpty();
  }

  private static void assertBad(String query, String parameter) {
    assertThatThrownBy(() -> LogFilter.parse(query))
        .as(query)
        .isInstanceOfSatisfying(
            LogFilter.BadParameter.class, e -> assertThat(e.parameter()).isEqualTo(parameter));
  }
}
