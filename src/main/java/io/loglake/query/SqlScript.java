package io.loglake.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a SQL file into statements at the semicolons that end them — not at those inside string
 * literals, quoted identifiers or comments — so one file can hold several statements (the DDL files
 * do) for engines, like Spark and Athena, that run one at a time. Statements keep their comments; a
 * piece holding nothing but comments and blanks is not a statement.
 */
public final class SqlScript {
  private SqlScript() {}

  public static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean hasCode = false;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      char next = i + 1 < n ? script.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') {
        int end = script.indexOf('\n', i);
        end = end < 0 ? n : end;
        current.append(script, i, end);
        i = end;
      } else if (c == '/' && next == '*') {
        int end = script.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        current.append(script, i, end);
        i = end;
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = closingQuote(script, i);
        current.append(script, i, end);
        hasCode = true;
        i = end;
      } else if (c == ';') {
        if (hasCode) {
          statements.add(current.toString().strip());
        }
        current.setLength(0);
        hasCode = false;
        i++;
      } else {
        current.append(c);
        hasCode |= !Character.isWhitespace(c);
        i++;
      }
    }
    if (hasCode) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  /**
   * The names of the {@code :name} parameter markers in {@code sql}, in order of first use: those
   * outside string literals, quoted identifiers and comments, and not part of a {@code ::} cast.
   */
  public static Set<String> parameterNames(String sql) {
    Set<String> names = new LinkedHashSet<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && next == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = closingQuote(sql, i);
      } else if (c == ':' && next == ':') {
        i += 2;
      } else if (c == ':' && (Character.isLetter(next) || next == '_')) {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        i = end;
      } else {
        i++;
      }
    }
    return names;
  }

  /**
   * The index just past the quote that closes the one at {@code start} (or the end of the text).
   */
  private static int closingQuote(String script, int start) {
    char quote = script.charAt(start);
    int i = start + 1;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '\\' && quote == '\'') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return script.length();
  }
}
