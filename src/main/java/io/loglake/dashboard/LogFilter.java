package io.loglake.dashboard;

import io.loglake.config.EtlConfig;
import io.loglake.config.LogLevels;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The latest-errors view's filters, as validated values: each is later bound as a Spark literal,
 * never pasted into SQL. Empty means "any".
 *
 * @param service the exact service, or null for any (any text: it is only ever compared)
 * @param level one of {@link EtlConfig#KNOWN_LEVELS}, or null for any
 * @param from events at or after this instant, or null
 * @param to events before this instant, or null
 * @param page the page, 1 to {@link #MAX_PAGE}
 */
public record LogFilter(String service, String level, Instant from, Instant to, int page) {
  /** Rows per page of the latest errors. */
  public static final int PAGE_SIZE = 50;

  /** The last page one can ask for (so the offset stays small: 50,000 rows). */
  public static final int MAX_PAGE = 1000;

  /** The longest service name accepted in a filter. */
  public static final int MAX_SERVICE_LENGTH = 200;

  /** No filter, first page. */
  public static final LogFilter NONE = new LogFilter(null, null, null, null, 1);

  /** A query parameter that is not valid: {@link #parameter()} names it. */
  public static final class BadParameter extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    BadParameter(String parameter, String message) {
      super(message);
      this.parameter = parameter;
    }

    /** The parameter's name. */
    public String parameter() {
      return parameter;
    }
  }

  /**
   * The filter from a URL's raw query string ({@code service}, {@code level}, {@code from}, {@code
   * to}, {@code page}; others are ignored, as are empty values); throws {@link BadParameter} naming
   * the first bad one. Times are ISO-8601 instants ({@code 2026-12-01T13:00:00Z}) or local date
   * times taken as UTC ({@code 2026-12-01T13:00}, what a datetime-local field sends).
   */
  public static LogFilter parse(String rawQuery) {
    Map<String, String> values = queryValues(rawQuery);
    String service = values.get("service");
    if (service != null && service.length() > MAX_SERVICE_LENGTH) {
      throw new BadParameter(
          "service", "service is longer than " + MAX_SERVICE_LENGTH + " characters");
    }
    String level = values.get("level");
    if (level != null) {
      level = level.trim().toUpperCase(Locale.ROOT);
      if (!LogLevels.KNOWN.contains(level)) {
        throw new BadParameter(
            "level", "level must be one of " + String.join(", ", LogLevels.KNOWN));
      }
    }
    Instant from = instant("from", values.get("from"));
    Instant to = instant("to", values.get("to"));
    if (from != null && to != null && !from.isBefore(to)) {
      throw new BadParameter("to", "to must be after from");
    }
    int page = 1;
    String pageText = values.get("page");
    if (pageText != null) {
      try {
        page = Integer.parseInt(pageText.trim());
      } catch (NumberFormatException e) {
        page = -1;
      }
      if (page < 1 || page > MAX_PAGE) {
        throw new BadParameter("page", "page must be a whole number from 1 to " + MAX_PAGE);
      }
    }
    return new LogFilter(service, level, from, to, page);
  }

  /** This filter on another page. */
  public LogFilter onPage(int other) {
    return new LogFilter(service, level, from, to, other);
  }

  /** The filter as a query string (without {@code ?}), encoded, for links. */
  public String toQuery() {
    StringBuilder q = new StringBuilder();
    append(q, "service", service);
    append(q, "level", level);
    append(q, "from", from == null ? null : from.toString());
    append(q, "to", to == null ? null : to.toString());
    append(q, "page", page == 1 ? null : Integer.toString(page));
    return q.toString();
  }

  private static void append(StringBuilder q, String key, String value) {
    if (value != null) {
      q.append(q.length() == 0 ? "" : "&").append(key).append('=').append(Html.urlEncode(value));
    }
  }

  private static Instant instant(String name, String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new BadParameter(
            name, name + " must be an ISO-8601 time such as 2026-12-01T13:00:00Z");
      }
    }
  }

  /** The first non-empty value of each key; a malformed escape is a bad parameter. */
  static Map<String, String> queryValues(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        key = URLDecoder.decode(key, StandardCharsets.UTF_8);
        value = URLDecoder.decode(value, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadParameter(key, "the query string has a malformed %-escape");
      }
      if (!value.isEmpty()) {
        values.putIfAbsent(key, value);
      }
    }
    return values;
  }
}
