package io.loglake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesTheFiveCharactersThatEndTextOrAQuotedAttribute() {
    assertThat(Html.escape("<script>alert(1)</script>"))
        .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(Html.escape("<img src=x onerror=alert(2)>"))
        .isEqualTo("&lt;img src=x onerror=alert(2)&gt;");
    assertThat(Html.escape("a\"b'c&d")).isEqualTo("a&quot;b&#39;c&amp;d");
    assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
  }

  @Test
  void leavesOtherTextAsItIsAndNullEmpty() {
    assertThat(Html.escape("db timeout; -- /* x */ é ✓")).isEqualTo("db timeout; -- /* x */ é ✓");
    assertThat(Html.escape(null)).isEmpty();
    assertThat(Html.escape("")).isEmpty();
  }

  @Test
  void encodesQueryValues() {
    assertThat(Html.urlEncode("o'hare & co/1=2")).isEqualTo("o%27hare+%26+co%2F1%3D2");
  }
}
