package io.loglake.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void theStatementSplitterKeepsQuotedSemicolons() {
    assertThat(
            SqlScript.statements("SELECT ';' AS a; SELECT `x;y` FROM t -- ;\n; SELECT 'it\\'s;'"))
        .containsExactly("SELECT ';' AS a", "SELECT `x;y` FROM t -- ;", "SELECT 'it\\'s;'");
    assertThat(SqlScript.statements(" ;; -- nothing\n")).isEqualTo(List.of());
  }

  @Test
  void aBlockCommentIsKeptWithItsStatementAndAloneIsNoStatement() {
    assertThat(SqlScript.statements("/* a; b */ SELECT 1;\n/* only; a comment */;\nSELECT \"x;\""))
        .containsExactly("/* a; b */ SELECT 1", "SELECT \"x;\"");
  }

  @Test
  void parameterNamesAreTheMarkersOutsideQuotesCommentsAndCasts() {
    assertThat(
            SqlScript.parameterNames(
                "SELECT :a, ':b', `:c`, \":d\", x::int, :a, :e_2 -- :f\n /* :g */ WHERE y = :h"))
        .containsExactly("a", "e_2", "h");
  }
}
