package io.loglake.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one data-quality check found: one {@link Rule} per rule, in a fixed order ({@code
 * quarantine_rate}, {@code missing_service}, {@code gap}, {@code volume}), and the hours checked.
 * The check failed when one rule failed; a rule without its input (no run report, no rows, a day
 * before too small to compare with) is {@link Status#SKIP}, which does not fail it.
 *
 * @param runId the run whose report the quarantine rate was taken from, or null when none
 * @param hoursChecked the curated partitions checked, as {@code dt=…/hr=…}, in time order
 */
public record QualityReport(String runId, List<String> hoursChecked, List<Rule> rules) {
  /** A rule's outcome. */
  public enum Status {
    PASS,
    FAIL,
    SKIP
  }

  /**
   * One rule's outcome.
   *
   * @param rule its name, e.g. {@code volume}
   * @param value what was measured (a share, a ratio, a number of hours), or null when skipped
   * @param threshold the limit it was held to (for {@code volume}: the lower one; the line names
   *     both)
   * @param detail the numbers behind the outcome, for people
   * @param hours the hours that failed it, as {@code dt=…/hr=…} (empty for run-wide rules)
   */
  public record Rule(
      String rule,
      Status status,
      Double value,
      double threshold,
      String detail,
      List<String> hours) {
    /** {@code PASS|FAIL|SKIP rule: detail}, the line the commands print. */
    public String line() {
      return status + " " + rule + ": " + detail;
    }

    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rule", rule);
      out.put("status", status.name());
      out.put("value", value);
      out.put("threshold", threshold);
      out.put("detail", detail);
      out.put("hours", hours);
      return out;
    }

    static Rule fromJson(JsonNode node) {
      List<String> hours = new ArrayList<>();
      node.path("hours").forEach(h -> hours.add(h.asText()));
      JsonNode value = node.path("value");
      return new Rule(
          node.path("rule").asText(),
          Status.valueOf(node.path("status").asText().toUpperCase(Locale.ROOT)),
          value.isNumber() ? value.asDouble() : null,
          node.path("threshold").asDouble(),
          node.path("detail").asText(),
          List.copyOf(hours));
    }
  }

  /** True unless a rule failed. */
  public boolean passed() {
    return rules.stream().noneMatch(r -> r.status() == Status.FAIL);
  }

  /** The names of the rules that failed, in order. */
  public List<String> failedRules() {
    return rules.stream().filter(r -> r.status() == Status.FAIL).map(Rule::rule).toList();
  }

  /** One line per rule. */
  public List<String> lines() {
    return rules.stream().map(Rule::line).toList();
  }

  /** A JSON-ready map with snake_case keys: {@code passed}, {@code run_id}, hours, rules. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("passed", passed());
    out.put("failed_rules", failedRules());
    out.put("run_id", runId);
    out.put("hours_checked", hoursChecked);
    out.put("rules", rules.stream().map(Rule::toMap).toList());
    return out;
  }

  /** The report {@link #toMap()} wrote, read back from its JSON. */
  public static QualityReport fromJson(JsonNode node) {
    List<String> hours = new ArrayList<>();
    node.path("hours_checked").forEach(h -> hours.add(h.asText()));
    List<Rule> rules = new ArrayList<>();
    node.path("rules").forEach(r -> rules.add(Rule.fromJson(r)));
    JsonNode runId = node.path("run_id");
    return new QualityReport(
        runId.isTextual() ? runId.asText() : null, List.copyOf(hours), List.copyOf(rules));
  }
}
