package io.loglake.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The one HTML escaping function, and the URL encoding of query values in links. */
public final class Html {
  private Html() {}

  /**
   * {@code text} safe as HTML element content and as a quoted attribute value: {@code & < > " '}
   * become character references; null becomes the empty string. Nothing else is needed in those two
   * contexts (text is never put into a script, a style, an unquoted attribute or a URL).
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code value} encoded for a query string (then escaped again where it goes into an href). */
  public static String urlEncode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
