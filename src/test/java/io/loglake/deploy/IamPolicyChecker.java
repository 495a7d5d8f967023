package io.loglake.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM rules the stack keeps, checked offline on every policy document in a template (inline
 * role policies, IAM policies, bucket and topic policies): an Allow never uses a wildcard action,
 * {@code NotAction} or {@code NotResource}; {@code Resource: "*"} only for actions IAM cannot limit
 * to a resource, with a condition; every S3 ARN lies in the stack's bucket.
 */
final class IamPolicyChecker {
  /** Actions without resource-level permissions: the only ones allowed on {@code "*"}. */
  static final Set<String> ACTIONS_WITHOUT_RESOURCES = Set.of("cloudwatch:PutMetricData");

  /** One statement of a policy document, with where it is. */
  record Statement(String where, Map<?, ?> body) {
    boolean allows() {
      return "Allow".equals(body.get("Effect"));
    }

    List<Object> actions() {
      return asList(body.get("Action"));
    }

    List<Object> resources() {
      return asList(body.get("Resource"));
    }
  }

  private final StackTemplate template;

  IamPolicyChecker(StackTemplate template) {
    this.template = template;
  }

  static List<Object> asList(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
  }

  /** Every statement of every policy document the template's resources hold. */
  List<Statement> statements() {
    List<Statement> statements = new ArrayList<>();
    template
        .section("Resources")
        .forEach(
            (id, body) -> {
              Map<?, ?> properties = template.properties(String.valueOf(id));
              switch (template.type(String.valueOf(id))) {
                case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group" -> {
                  for (Object policy : asList(properties.get("Policies"))) {
                    if (policy instanceof Map<?, ?> p) {
                      add(statements, id + "." + p.get("PolicyName"), p.get("PolicyDocument"));
                    }
                  }
                }
                case "AWS::IAM::Policy",
                    "AWS::IAM::ManagedPolicy",
                    "AWS::S3::BucketPolicy",
                    "AWS::SNS::TopicPolicy",
                    "AWS::SQS::QueuePolicy" ->
                    add(statements, String.valueOf(id), properties.get("PolicyDocument"));
                default -> {}
              }
            });
    return statements;
  }

  private static void add(List<Statement> statements, String where, Object document) {
    Object body = document instanceof Map<?, ?> d ? d.get("Statement") : null;
    List<Object> list = asList(body);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof Map<?, ?> statement) {
        Object sid = statement.get("Sid");
        statements.add(new Statement(where + "." + (sid != null ? sid : "[" + i + "]"), statement));
      }
    }
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Statement statement : statements()) {
      for (Object resource : statement.resources()) {
        String arn = template.render(resource);
        if (arn.startsWith("arn:aws:s3:")
            && !arn.equals("arn:aws:s3:::" + StackTemplate.BUCKET)
            && !arn.startsWith("arn:aws:s3:::" + StackTemplate.BUCKET + "/")) {
          problems.add(statement.where() + ": S3 resource outside the stack's bucket: " + arn);
        }
      }
      if (!statement.allows()) {
        continue;
      }
      if (statement.body().containsKey("NotAction")
          || statement.body().containsKey("NotResource")) {
        problems.add(statement.where() + ": Allow with NotAction or NotResource");
      }
      for (Object action : statement.actions()) {
        if (String.valueOf(action).contains("*")) {
          problems.add(statement.where() + ": wildcard action " + action);
        }
      }
      if (statement.resources().stream().anyMatch(r -> template.render(r).equals("*"))) {
        for (Object action : statement.actions()) {
          if (!ACTIONS_WITHOUT_RESOURCES.contains(String.valueOf(action))) {
            problems.add(statement.where() + ": " + action + " on Resource \"*\"");
          }
        }
        if (!statement.body().containsKey("Condition")) {
          problems.add(statement.where() + ": Resource \"*\" without a condition");
        }
      }
    }
    return problems;
  }
}
