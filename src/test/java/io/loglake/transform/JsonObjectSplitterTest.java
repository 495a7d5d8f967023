package io.loglake.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonObjectSplitterTest {
  @Test
  void keepsASingleObjectWhole() {
    assertThat(JsonObjectSplitter.split("{\"a\":1}")).containsExactly("{\"a\":1}");
    assertThat(JsonObjectSplitter.split("{\"a\":{\"b\":2}}  ")).containsExactly("{\"a\":{\"b\":2}}  ");
  }

  @Test
  void splitsObjectsBackToBack() {
    assertThat(JsonObjectSplitter.split("{\"a\":1}{\"b\":2}{\"c\":3}"))
        .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    assertThat(JsonObjectSplitter.split("{\"a\":1} \t{\"b\":2}")).containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void neverSplitsInsideStringsOrNestedObjects() {
    String braces = "{\"message\":\"a}{b \\\"}{\\\" c\"}";
    assertThat(JsonObjectSplitter.split(braces)).containsExactly(braces);
    assertThat(JsonObjectSplitter.split("{\"a\":{\"x\":1}}{\"b\":[{\"y\":2}]}"))
        .containsExactly("{\"a\":{\"x\":1}}", "{\"b\":[{\"y\":2}]}");
  }

  @Test
  void leavesTrailingTextAndTruncationInTheLastPieceForTheParserToFlag() {
    assertThat(JsonObjectSplitter.split("{\"a\":1} trailing")).containsExactly("{\"a\":1} trailing");
    assertThat(JsonObjectSplitter.split("{\"a\":1}{\"b\":")).containsExactly("{\"a\":1}", "{\"b\":");
    assertThat(JsonObjectSplitter.split("{\"a\":}}{")).hasSize(1);
  }
}
