package io.loglake.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What CloudFormation would refuse, or what the project forbids, in a template, found offline: each
 * problem is one line naming where it is. Every check is independent of the loglake template, so
 * the tests prove each one with a template made to break it.
 */
final class TemplateChecker {
  static final Set<String> PSEUDO_PARAMETERS =
      Set.of(
          "AWS::AccountId",
          "AWS::NotificationARNs",
          "AWS::NoValue",
          "AWS::Partition",
          "AWS::Region",
          "AWS::StackId",
          "AWS::StackName",
          "AWS::URLSuffix");

  private static final Set<String> RESOURCE_KEYS =
      Set.of(
          "Type",
          "Properties",
          "Condition",
          "DependsOn",
          "DeletionPolicy",
          "UpdateReplacePolicy",
          "Metadata",
          "CreationPolicy",
          "UpdatePolicy");

  private final StackTemplate template;
  private final CloudFormationSpec spec;
  private final List<String> problems = new ArrayList<>();

  TemplateChecker(StackTemplate template, CloudFormationSpec spec) {
    this.template = template;
    this.spec = spec;
  }

  /** Every Ref, Fn::GetAtt, Fn::Sub variable, Condition and DependsOn names something real. */
  List<String> referenceProblems() {
    problems.clear();
    Map<?, ?> conditions = template.section("Conditions");
    template
        .section("Resources")
        .forEach(
            (id, body) -> {
              Map<?, ?> resource = body instanceof Map<?, ?> m ? m : Map.of();
              Object condition = resource.get("Condition");
              if (condition != null && !conditions.containsKey(condition)) {
                problems.add(id + ": no condition " + condition);
              }
              Object dependsOn = resource.get("DependsOn");
              for (Object target : dependsOn instanceof List<?> l ? l : listOf(dependsOn)) {
                requireResource(id + ".DependsOn", String.valueOf(target), condition);
              }
              visit("Resources." + id, resource.get("Properties"), condition);
            });
    template
        .section("Outputs")
        .forEach(
            (name, body) -> {
              Map<?, ?> output = body instanceof Map<?, ?> m ? m : Map.of();
              Object condition = output.get("Condition");
              if (condition != null && !conditions.containsKey(condition)) {
                problems.add("Outputs." + name + ": no condition " + condition);
              }
              visit("Outputs." + name, output.get("Value"), condition);
            });
    conditions.forEach((name, body) -> visit("Conditions." + name, body, null));
    return List.copyOf(problems);
  }

  private static List<Object> listOf(Object value) {
    return value == null ? List.of() : List.of(value);
  }

  private void visit(String where, Object node, Object condition) {
    var function = StackTemplate.intrinsic(node);
    if (function.isPresent()) {
      String key = String.valueOf(function.get().getKey());
      Object argument = function.get().getValue();
      switch (key) {
        case "Ref" -> requireName(where, String.valueOf(argument), condition);
        case "Fn::GetAtt" -> requireAttribute(where, StackTemplate.getAttName(argument), condition);
        case "Fn::Sub" -> checkSub(where, argument, condition);
        case "Condition", "Fn::If" -> {
          Object name = argument instanceof List<?> l && !l.isEmpty() ? l.get(0) : argument;
          if (!template.section("Conditions").containsKey(name)) {
            problems.add(where + ": no condition " + name);
          }
          // The "true" branch exists only under the If's condition: it may name resources of it.
          if (key.equals("Fn::If") && argument instanceof List<?> l && l.size() == 3) {
            visit(where, l.get(1), name);
            visit(where, l.get(2), condition);
          }
        }
        default -> visit(where, argument, condition);
      }
    } else if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> visit(where + "." + k, v, condition));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        visit(where + "[" + i + "]", list.get(i), condition);
      }
    }
  }

  private void checkSub(String where, Object argument, Object condition) {
    String text;
    Set<?> locals = Set.of();
    if (argument instanceof List<?> list
        && list.size() == 2
        && list.get(1) instanceof Map<?, ?> m) {
      text = String.valueOf(list.get(0));
      locals = m.keySet();
      visit(where, m, condition);
    } else if (argument instanceof String s) {
      text = s;
    } else {
      problems.add(where + ": Fn::Sub takes a string or [string, variables], got " + argument);
      return;
    }
    for (String variable : StackTemplate.subVariables(text)) {
      if (locals.contains(variable)) {
        continue;
      }
      if (variable.contains(".") && !variable.startsWith("AWS::")) {
        requireAttribute(where, variable, condition);
      } else {
        requireName(where, variable, condition);
      }
    }
  }

  private void requireName(String where, String name, Object condition) {
    if (PSEUDO_PARAMETERS.contains(name) || template.section("Parameters").containsKey(name)) {
      return;
    }
    requireResource(where, name, condition);
  }

  private void requireAttribute(String where, String resourceDotAttribute, Object condition) {
    int dot = resourceDotAttribute.indexOf('.');
    if (dot < 0) {
      problems.add(where + ": Fn::GetAtt needs resource.attribute, got " + resourceDotAttribute);
      return;
    }
    String id = resourceDotAttribute.substring(0, dot);
    String attribute = resourceDotAttribute.substring(dot + 1);
    if (requireResource(where, id, condition) && !spec.hasAttribute(template.type(id), attribute)) {
      problems.add(where + ": " + template.type(id) + " has no attribute " + attribute);
    }
  }

  /** The resource exists, and exists whenever the referrer does (same condition or none). */
  private boolean requireResource(String where, String id, Object referrerCondition) {
    if (!template.section("Resources").containsKey(id)) {
      problems.add(where + ": no parameter, resource or pseudo parameter " + id);
      return false;
    }
    Object targetCondition = template.resource(id).get("Condition");
    if (targetCondition != null && !Objects.equals(targetCondition, referrerCondition)) {
      problems.add(where + ": refers to " + id + ", which exists only if " + targetCondition);
    }
    return true;
  }

  /**
   * Every resource type and property exists in the specification, recursively through property
   * types, required properties are present and values have the declared shape.
   */
  List<String> specificationProblems() {
    problems.clear();
    template
        .section("Resources")
        .forEach(
            (id, body) -> {
              Map<?, ?> resource = body instanceof Map<?, ?> m ? m : Map.of();
              String type = String.valueOf(resource.get("Type"));
              for (Object key : resource.keySet()) {
                if (!RESOURCE_KEYS.contains(String.valueOf(key))) {
                  problems.add(id + ": unknown resource attribute " + key);
                }
              }
              if (!spec.hasResourceType(type)) {
                problems.add(id + ": no resource type " + type + " in the specification");
                return;
              }
              Object properties = resource.get("Properties");
              checkObject(
                  String.valueOf(id),
                  type,
                  Objects.requireNonNullElse(properties, (Object) Map.of()),
                  spec.resourceProperties(type));
            });
    return List.copyOf(problems);
  }

  private void checkObject(String where, String resourceType, Object value, JsonNode declarations) {
    if (StackTemplate.intrinsic(value).isPresent()) {
      return;
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add(where + ": expected an object, got " + value);
      return;
    }
    for (Object key : map.keySet()) {
      if (!declarations.has(String.valueOf(key))) {
        problems.add(where + ": no property " + key + " in the specification");
      }
    }
    for (Iterator<String> names = declarations.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      var property = new CloudFormationSpec.Property(name, declarations.get(name));
      Object propertyValue = map.get(property.name());
      if (propertyValue == null) {
        if (property.required()) {
          problems.add(where + ": required property " + property.name() + " is missing");
        }
        continue;
      }
      checkValue(where + "." + property.name(), resourceType, property, propertyValue);
    }
  }

  private void checkValue(
      String where, String resourceType, CloudFormationSpec.Property property, Object value) {
    if (StackTemplate.intrinsic(value).isPresent()) {
      return;
    }
    if (property.primitiveType().isPresent()) {
      checkPrimitive(where, property.primitiveType().get(), value);
      return;
    }
    String type = property.type().orElse("");
    if (type.equals("List") || type.equals("Map")) {
      Iterable<?> items;
      if (type.equals("List") && value instanceof List<?> list) {
        items = list;
      } else if (type.equals("Map") && value instanceof Map<?, ?> map) {
        items = map.values();
      } else {
        problems.add(where + ": expected a " + type + ", got " + value);
        return;
      }
      int i = 0;
      for (Object item : items) {
        String at = where + "[" + i++ + "]";
        if (property.itemType().isPresent()) {
          checkPropertyType(at, resourceType, property.itemType().get(), item);
        } else if (property.primitiveItemType().isPresent()) {
          checkPrimitive(at, property.primitiveItemType().get(), item);
        }
      }
      return;
    }
    checkPropertyType(where, resourceType, type, value);
  }

  private void checkPropertyType(String where, String resourceType, String name, Object value) {
    var declarations = spec.propertyTypeProperties(resourceType, name);
    if (declarations.isEmpty()) {
      problems.add(where + ": no property type " + resourceType + "." + name);
      return;
    }
    checkObject(where, resourceType, value, declarations.get());
  }

  private void checkPrimitive(String where, String primitive, Object value) {
    if (StackTemplate.intrinsic(value).isPresent()) {
      return;
    }
    boolean ok =
        switch (primitive) {
          case "String", "Timestamp" -> value instanceof String || value instanceof Number;
          case "Integer", "Long" ->
              value instanceof Integer
                  || value instanceof Long
                  || value instanceof String s && s.matches("-?\\d+");
          case "Double" ->
              value instanceof Number || value instanceof String s && s.matches("-?\\d+(\\.\\d+)?");
          case "Boolean" ->
              value instanceof Boolean || "true".equals(value) || "false".equals(value);
          case "Json" -> value instanceof Map || value instanceof String;
          default -> true;
        };
    if (!ok) {
      problems.add(where + ": expected " + primitive + ", got " + value);
    }
  }
}
