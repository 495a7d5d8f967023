package io.loglake.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * How {@code loglake query} prints a result: an aligned text table (the shape of the seed's sample
 * output), CSV (RFC 4180, header row) or JSON lines (one object per row, numbers as numbers). Dates
 * print as {@code YYYY-MM-DD}, timestamps as ISO-8601 instants in UTC.
 */
public enum ResultFormat {
  TABLE,
  CSV,
  JSON;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** {@code table}, {@code csv} or {@code json}, any case. */
  public static ResultFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "' is not a format: use table, csv or json");
    }
  }

  public void print(QueryRunner.Result result, PrintWriter out) {
    switch (this) {
      case TABLE -> table(result, out);
      case CSV -> csv(result, out);
      case JSON -> json(result, out);
      default -> throw new IllegalStateException(name());
    }
    out.flush();
  }

  private static void table(QueryRunner.Result result, PrintWriter out) {
    StructField[] fields = result.schema().fields();
    int[] widths = new int[fields.length];
    List<String[]> cells = new ArrayList<>();
    for (int c = 0; c < fields.length; c++) {
      widths[c] = fields[c].name().length();
    }
    for (Row row : result.rows()) {
      String[] line = new String[fields.length];
      for (int c = 0; c < fields.length; c++) {
        line[c] = row.isNullAt(c) ? "NULL" : text(row.get(c));
        widths[c] = Math.max(widths[c], line[c].length());
      }
      cells.add(line);
    }
    String[] header = new String[fields.length];
    String[] rule = new String[fields.length];
    for (int c = 0; c < fields.length; c++) {
      header[c] = pad(fields[c].name(), widths[c], false);
      rule[c] = "-".repeat(widths[c]);
    }
    out.println(String.join(" | ", header).stripTrailing());
    out.println(String.join("-+-", rule));
    for (String[] line : cells) {
      String[] padded = new String[fields.length];
      for (int c = 0; c < fields.length; c++) {
        padded[c] = pad(line[c], widths[c], fields[c].dataType() instanceof NumericType);
      }
      out.println(String.join(" | ", padded).stripTrailing());
    }
    out.println(
        "("
            + result.rows().size()
            + (result.rows().size() == 1 ? " row" : " rows")
            + (result.truncated() ? "; more rows not shown: raise --limit" : "")
            + ")");
  }

  private static void csv(QueryRunner.Result result, PrintWriter out) {
    StructField[] fields = result.schema().fields();
    List<String> header = new ArrayList<>();
    for (StructField field : fields) {
      header.add(csvCell(field.name()));
    }
    out.print(String.join(",", header) + "\r\n");
    for (Row row : result.rows()) {
      List<String> line = new ArrayList<>();
      for (int c = 0; c < fields.length; c++) {
        line.add(row.isNullAt(c) ? "" : csvCell(text(row.get(c))));
      }
      out.print(String.join(",", line) + "\r\n");
    }
  }

  private static void json(QueryRunner.Result result, PrintWriter out) {
    StructField[] fields = result.schema().fields();
    for (Row row : result.rows()) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int c = 0; c < fields.length; c++) {
        Object value = row.isNullAt(c) ? null : row.get(c);
        object.put(
            fields[c].name(),
            value == null || value instanceof Number || value instanceof Boolean
                ? value
                : text(value));
      }
      try {
        out.println(MAPPER.writeValueAsString(object));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write a result row as JSON", e);
      }
    }
  }

  /** The text of one value: dates as YYYY-MM-DD, timestamps as UTC instants, decimals in full. */
  public static String text(Object value) {
    if (value instanceof Timestamp ts) {
      return ts.toInstant().toString();
    }
    if (value instanceof Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof Instant || value instanceof LocalDate) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if ((value instanceof Double || value instanceof Float)
        && Double.isFinite(((Number) value).doubleValue())) {
      return BigDecimal.valueOf(((Number) value).doubleValue())
          .stripTrailingZeros()
          .toPlainString();
    }
    return String.valueOf(value);
  }

  private static String csvCell(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static String pad(String text, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - text.length()));
    return right ? fill + text : text + fill;
  }
}
