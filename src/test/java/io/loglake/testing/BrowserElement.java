package io.loglake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One element of the page a {@link Browser} shows, by its W3C web element reference. A reference to
 * an element the page has since removed answers {@code stale element reference}.
 */
public final class BrowserElement {
  /** The Enter key, for {@link #type}: submits the form an input is in, as a user would. */
  public static final String ENTER = "\uE007";

  private final Browser browser;
  private final String id;

  BrowserElement(Browser browser, JsonNode reference) {
    this.browser = browser;
    this.id = reference.path(Browser.ELEMENT).asText();
  }

  static Map<String, String> css(String selector) {
    return Map.of("using", "css selector", "value", selector);
  }

  static List<BrowserElement> list(Browser browser, JsonNode references) {
    List<BrowserElement> elements = new ArrayList<>();
    references.forEach(reference -> elements.add(new BrowserElement(browser, reference)));
    return elements;
  }

  Map<String, String> reference() {
    return Map.of(Browser.ELEMENT, id);
  }

  private String path(String command) {
    return "/element/" + id + command;
  }

  /** The first descendant matching the CSS selector; a {@code no such element} error if none. */
  public BrowserElement find(String css) {
    return new BrowserElement(browser, browser.post(path("/element"), css(css)));
  }

  /** Every descendant matching the CSS selector, in document order. */
  public List<BrowserElement> findAll(String css) {
    return list(browser, browser.post(path("/elements"), css(css)));
  }

  /** The rendered text, as a user sees it (hidden parts left out). */
  public String text() {
    return browser.get(path("/text")).asText();
  }

  /** The HTML attribute's value, or {@code null} when the element has none. */
  public String attribute(String name) {
    JsonNode value = browser.get(path("/attribute/" + name));
    return value.isNull() ? null : value.asText();
  }

  /** The DOM property's value as JSON (e.g. {@code value}, {@code checked}, {@code selected}). */
  public JsonNode property(String name) {
    return browser.get(path("/property/" + name));
  }

  /** What an input, text area or select holds now (its {@code value} property). */
  public String value() {
    return property("value").asText();
  }

  public String tagName() {
    return browser.get(path("/name")).asText();
  }

  public boolean displayed() {
    return browser.get(path("/displayed")).asBoolean();
  }

  /** Scrolls the element into view and clicks its centre; fails if something else is on top. */
  public void click() {
    browser.post(path("/click"), Map.of());
  }

  /** Empties an input or text area. */
  public void clear() {
    browser.post(path("/clear"), Map.of());
  }

  /** Focuses the element and types {@code text} key by key (see {@link #ENTER}). */
  public void type(String text) {
    browser.post(path("/value"), Map.of("text", text));
  }

  /**
   * Chooses, in this {@code <select>}, the first option whose value or text is {@code valueOrText},
   * by clicking it (so its input and change events fire); fails naming the options when none is.
   */
  public void select(String valueOrText) {
    List<String> seen = new ArrayList<>();
    for (BrowserElement option : findAll("option")) {
      String value = option.property("value").asText();
      String label = option.property("text").asText().strip();
      if (value.equals(valueOrText) || label.equals(valueOrText)) {
        option.click();
        return;
      }
      seen.add(value + " (" + label + ")");
    }
    throw new IllegalArgumentException(
        "No option '" + valueOrText + "' in this " + tagName() + "; its options: " + seen);
  }

  /**
   * Submits the form this element is (or is in) as its submit button would: validation and {@code
   * submit} listeners run ({@code requestSubmit}).
   */
  public void submit() {
    browser.executeScript(
        "const e = arguments[0]; const form = e.tagName === 'FORM' ? e : e.form;"
            + " if (!form) { throw new Error('not in a form: ' + e.tagName); }"
            + " form.requestSubmit();",
        this);
  }

  @Override
  public String toString() {
    return "element " + id;
  }
}
