package io.loglake.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonObjectSplitterTest {
  @Test
  void keepsASingleObjectWhole() {
    assertThat(JsonObjectSplitter.split("{\"a\":1}")).containsExactly("{\"a\":1}");
    assertThat(JsonObjectSplitter.split("  {\"a\":{\"b\":2}}  "))
        .containsExactly("{\"a\":{\"b\":2}}");
    assertThat(JsonObjectSplitter.split(" \t ")).isEmpty();
  }

  @Test
  void splitsObjectsBackToBack() {
    assertThat(JsonObjectSplitter.split("{\"a\":1}{\"b\":2}{\"c\":3}"))
        .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    assertThat(JsonObjectSplitter.split("{\"a\":1} \t{\"b\":2}"))
        .containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void neverSplitsInsideStringsOrNestedObjects() {
    String braces = "{\"message\":\"a}{b \\\"}{\\\" c}{\\\"level\\\":1}\"}";
    assertThat(JsonObjectSplitter.split(braces)).containsExactly(braces);
    assertThat(JsonObjectSplitter.split("{\"a\":{\"x\":1}}{\"b\":[{\"y\":2}]}"))
        .containsExactly("{\"a\":{\"x\":1}}", "{\"b\":[{\"y\":2}]}");
  }

  @Test
  void leavesTrailingTextAndTruncationInTheirPieceForTheParserToFlag() {
    assertThat(JsonObjectSplitter.split("{\"a\":1} trailing"))
        .containsExactly("{\"a\":1} trailing");
    assertThat(JsonObjectSplitter.split("{\"a\":1}{\"b\":"))
        .containsExactly("{\"a\":1}", "{\"b\":");
    assertThat(JsonObjectSplitter.split("{\"a\":}}{")).hasSize(1);
  }

  @Test
  void resyncsAfterABrokenObjectAtTheNextRecordBoundary() {
    assertThat(JsonObjectSplitter.split("{\"m\":\"say \"hi\"}{\"m\":\"ok\"}"))
        .containsExactly("{\"m\":\"say \"hi\"}", "{\"m\":\"ok\"}");
    assertThat(JsonObjectSplitter.split("{\"m\":\"cut{\"m\":\"lost\"} {\"m\":\"ok\"}"))
        .as("a truncated object takes the next one with it, up to the next boundary")
        .containsExactly("{\"m\":\"cut{\"m\":\"lost\"}", "{\"m\":\"ok\"}");
    assertThat(JsonObjectSplitter.split("{\"a\":1}} {\"b\":2}"))
        .containsExactly("{\"a\":1}}", "{\"b\":2}");
    assertThat(JsonObjectSplitter.split("{\"a\":[1}{\"b\":2}"))
        .containsExactly("{\"a\":[1}", "{\"b\":2}");
    assertThat(JsonObjectSplitter.split("x}{ \"b\":2}")).containsExactly("x}", "{ \"b\":2}");
    assertThat(JsonObjectSplitter.split("{\"a\":\"x}{1\""))
        .as("no key after the brace: no boundary")
        .containsExactly("{\"a\":\"x}{1\"");
  }
}
