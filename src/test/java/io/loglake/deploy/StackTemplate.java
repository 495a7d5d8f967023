package io.loglake.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A CloudFormation template read as plain YAML (long-form intrinsics only: a short-form tag such as
 * {@code !Ref} is refused by the safe constructor), with the look-ups the tests need and {@link
 * #render}, which spells out a value for one set of parameter values.
 */
final class StackTemplate {
  static final Path FILE = Path.of("jobs", "cloudformation", "loglake-stack.yaml");

  /** The values {@link #render} gives the pseudo parameters and the stack's bucket. */
  static final String BUCKET = "example-bucket";

  static final String REGION = "eu-west-1";
  static final String ACCOUNT = "123456789012";
  static final String STACK = "loglake";

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

  private final Map<?, ?> root;

  StackTemplate(Map<?, ?> root) {
    this.root = root;
  }

  static StackTemplate load() {
    try {
      return parse(Files.readString(FILE, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the template " + FILE.toAbsolutePath(), e);
    }
  }

  static StackTemplate parse(String yaml) {
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("a template is a mapping, got " + parsed);
    }
    return new StackTemplate(map);
  }

  Map<?, ?> root() {
    return root;
  }

  Map<?, ?> section(String name) {
    return root.get(name) instanceof Map<?, ?> map ? map : Map.of();
  }

  /** The keys of a template mapping, as strings. */
  static Set<String> keys(Map<?, ?> map) {
    Set<String> keys = new LinkedHashSet<>();
    map.keySet().forEach(k -> keys.add(String.valueOf(k)));
    return keys;
  }

  Map<?, ?> resource(String logicalId) {
    return section("Resources").get(logicalId) instanceof Map<?, ?> map ? map : Map.of();
  }

  String type(String logicalId) {
    return String.valueOf(resource(logicalId).get("Type"));
  }

  Map<?, ?> properties(String logicalId) {
    return resource(logicalId).get("Properties") instanceof Map<?, ?> map ? map : Map.of();
  }

  /** Logical ids of the resources of {@code type}, in template order. */
  List<String> resourcesOfType(String type) {
    List<String> ids = new ArrayList<>();
    section("Resources")
        .forEach(
            (id, body) -> {
              if (body instanceof Map<?, ?> map && type.equals(map.get("Type"))) {
                ids.add(String.valueOf(id));
              }
            });
    return ids;
  }

  /** The logical id of the template's one S3 bucket. */
  String bucketId() {
    List<String> buckets = resourcesOfType("AWS::S3::Bucket");
    if (buckets.size() != 1) {
      throw new IllegalStateException("expected one AWS::S3::Bucket, got " + buckets);
    }
    return buckets.get(0);
  }

  /** {@code {"Fn::Sub": ...}} and the like: a one-key map whose key is an intrinsic function. */
  static Optional<Map.Entry<?, ?>> intrinsic(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      Map.Entry<?, ?> entry = map.entrySet().iterator().next();
      String key = String.valueOf(entry.getKey());
      if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** The {@code ${name}} variables of an {@code Fn::Sub} string ({@code ${!x}} is a literal). */
  static List<String> subVariables(String text) {
    List<String> names = new ArrayList<>();
    Matcher matcher = SUB_VARIABLE.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * {@code value} as a string with the bucket {@link #BUCKET}, the region, account and stack name
   * above and partition {@code aws}: Ref, Fn::GetAtt of the bucket's Arn and Fn::Sub are spelled
   * out; anything else becomes {@code <name>}.
   */
  String render(Object value) {
    Optional<Map.Entry<?, ?>> function = intrinsic(value);
    if (function.isEmpty()) {
      return String.valueOf(value);
    }
    String key = String.valueOf(function.get().getKey());
    Object argument = function.get().getValue();
    return switch (key) {
      case "Ref" -> variable(String.valueOf(argument));
      case "Fn::GetAtt" -> variable(getAttName(argument));
      case "Fn::Sub" -> renderSub(argument);
      default -> "<" + key + ">";
    };
  }

  /** {@code Fn::GetAtt}'s argument, {@code [r, a]} or {@code "r.a"}, as {@code r.a}. */
  static String getAttName(Object argument) {
    if (argument instanceof List<?> list && list.size() == 2) {
      return list.get(0) + "." + list.get(1);
    }
    return String.valueOf(argument);
  }

  private String renderSub(Object argument) {
    String text;
    Map<String, String> locals = new LinkedHashMap<>();
    if (argument instanceof List<?> list
        && list.size() == 2
        && list.get(1) instanceof Map<?, ?> m) {
      text = String.valueOf(list.get(0));
      m.forEach((k, v) -> locals.put(String.valueOf(k), render(v)));
    } else {
      text = String.valueOf(argument);
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement = locals.containsKey(name) ? locals.get(name) : variable(name);
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString().replace("${!", "${");
  }

  private String variable(String name) {
    String bucket = bucketId();
    if (name.equals(bucket) || name.equals("BucketName")) {
      return BUCKET;
    }
    if (name.equals(bucket + ".Arn")) {
      return "arn:aws:s3:::" + BUCKET;
    }
    return switch (name) {
      case "AWS::Partition" -> "aws";
      case "AWS::Region" -> REGION;
      case "AWS::AccountId" -> ACCOUNT;
      case "AWS::StackName" -> STACK;
      default -> "<" + name + ">";
    };
  }
}
