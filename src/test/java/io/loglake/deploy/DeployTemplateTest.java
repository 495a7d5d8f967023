package io.loglake.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.schema.RawZoneLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack template (jobs/cloudformation/loglake-stack.yaml) checked offline: against AWS's
 * CloudFormation resource specification and the IAM rules ({@link TemplateChecker}, {@link
 * IamPolicyChecker}: each check is shown to fire on a template made to break it), and against what
 * loglake itself declares: the raw zone's layout, the catalog databases of the DDL, the sql/
 * queries, the curated table the metrics name.
 */
class DeployTemplateTest {
  /** The largest template `aws cloudformation deploy` sends without staging it in S3 first. */
  private static final int TEMPLATE_BODY_LIMIT = 51_200;

  private static CloudFormationSpec spec;
  private static StackTemplate template;

  @BeforeAll
  static void load() {
    spec = CloudFormationSpec.load();
    template = StackTemplate.load();
  }

  private static TemplateChecker checker(String yaml) {
    return new TemplateChecker(StackTemplate.parse(yaml), spec);
  }

  @Test
  void templateParsesAsPlainYamlWithTheParametersAndOutputsOfTheIssue() throws IOException {
    assertThat(spec.version()).isEqualTo("117.0.0");
    assertThat(template.root().get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
    assertThat(StackTemplate.keys(template.section("Parameters")))
        .contains("BucketName", "Schedule", "AlarmEmail");
    assertThat(StackTemplate.keys(template.section("Outputs")))
        .contains("BucketName", "JobName", "DeliveryStreamName", "AthenaWorkGroup");
    assertThat(Files.size(StackTemplate.FILE)).isLessThanOrEqualTo(TEMPLATE_BODY_LIMIT);
    assertThatThrownBy(() -> StackTemplate.parse("Resources:\n  A:\n    B: !Ref C\n"))
        .hasMessageContaining("!Ref");
  }

  @Test
  void everyRefGetAttAndSubVariableResolves() {
    assertThat(new TemplateChecker(template, spec).referenceProblems()).isEmpty();

    String broken =
        """
        Parameters: {P: {Type: String}}
        Conditions: {C: {"Fn::Equals": [{Ref: P}, "x"]}}
        Resources:
          B: {Type: AWS::S3::Bucket, Condition: C}
          T:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: {Ref: Missing}
              DisplayName: {"Fn::Sub": "${P}-${AWS::Region}-${Nope}-${!Literal}-${B.NoSuchAttr}"}
          U: {Type: AWS::SNS::Topic, Properties: {DisplayName: {"Fn::GetAtt": [B, Arn]}}}
          V:
            Type: AWS::SNS::Topic
            Properties:
              DisplayName: {"Fn::If": [C, {Ref: B}, {Ref: AWS::NoValue}]}
              TopicName: {"Fn::If": [Nowhere, {Ref: AWS::NoValue}, {Ref: B}]}
        """;
    assertThat(checker(broken).referenceProblems())
        .containsExactlyInAnyOrder(
            "Resources.T.TopicName: no parameter, resource or pseudo parameter Missing",
            "Resources.T.DisplayName: no parameter, resource or pseudo parameter Nope",
            "Resources.T.DisplayName: AWS::S3::Bucket has no attribute NoSuchAttr",
            "Resources.T.DisplayName: refers to B, which exists only if C",
            "Resources.U.DisplayName: refers to B, which exists only if C",
            "Resources.V.TopicName: no condition Nowhere",
            "Resources.V.TopicName: refers to B, which exists only if C");
  }

  @Test
  void everyResourceTypeAndPropertyIsInTheSpecificationWithTheRequiredOnes() {
    assertThat(new TemplateChecker(template, spec).specificationProblems()).isEmpty();

    String broken =
        """
        Resources:
          A: {Type: AWS::S3::Bucketz}
          F:
            Type: AWS::KinesisFirehose::DeliveryStream
            Properties:
              ExtendedS3DestinationConfiguration:
                BucketARN: arn:aws:s3:::b
                BufferingHints: {SizeInMB: 1, IntervalInSeconds: soon}
          J: {Type: AWS::Glue::Job, Properties: {Role: r, Command: {Name: glueetl}, MaxRetries: [1]}}
        """;
    assertThat(checker(broken).specificationProblems())
        .containsExactlyInAnyOrder(
            "A: no resource type AWS::S3::Bucketz in the specification",
            "F.ExtendedS3DestinationConfiguration: required property RoleARN is missing",
            "F.ExtendedS3DestinationConfiguration.BufferingHints: no property SizeInMB in the"
                + " specification",
            "F.ExtendedS3DestinationConfiguration.BufferingHints.IntervalInSeconds: expected"
                + " Integer, got soon",
            "J.MaxRetries: expected Double, got [1]");
  }

  @Test
  void noWildcardOnADataActionAndEveryS3ArnInTheStacksBucket() {
    assertThat(new IamPolicyChecker(template).problems()).isEmpty();

    String broken =
        """
        Resources:
          Bucket: {Type: AWS::S3::Bucket}
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {}
              Policies:
                - PolicyName: p
                  PolicyDocument:
                    Statement:
                      - {Sid: a, Effect: Allow, Action: s3:GetObject, Resource: "*"}
                      - {Sid: b, Effect: Allow, Action: "glue:Get*", Resource: {"Fn::Sub": "${Bucket.Arn}/x/*"}}
                      - {Sid: c, Effect: Allow, Action: s3:PutObject, Resource: "arn:aws:s3:::other/raw/*"}
                      - {Sid: d, Effect: Allow, Action: cloudwatch:PutMetricData, Resource: "*"}
        """;
    assertThat(new IamPolicyChecker(StackTemplate.parse(broken)).problems())
        .containsExactlyInAnyOrder(
            "R.p.a: s3:GetObject on Resource \"*\"",
            "R.p.a: Resource \"*\" without a condition",
            "R.p.b: wildcard action glue:Get*",
            "R.p.c: S3 resource outside the stack's bucket: arn:aws:s3:::other/raw/*",
            "R.p.d: Resource \"*\" without a condition");
  }

  @Test
  void theGlueRoleHasExactlyTheJobsPrefixesAndEveryJobLocationIsGranted() {
    Map<String, Set<String>> glue = objectGrants("GlueJobRole");
    String bucket = "arn:aws:s3:::" + StackTemplate.BUCKET + "/";
    Set<String> expected = new TreeSet<>();
    for (String read : List.of("jars", "scripts", "raw")) {
      expected.add(bucket + read + "/*");
    }
    for (String write : List.of("curated", "quarantine", "state", "tmp")) {
      expected.add(bucket + write); // S3A and EMRFS probe a directory's own key too
      expected.add(bucket + write + "/*");
    }
    assertThat(glue.keySet()).isEqualTo(expected);
    for (String read : List.of("jars/*", "scripts/*", "raw/*")) {
      assertThat(glue.get(bucket + read)).as(read).containsExactly("s3:GetObject");
    }
    for (String write : List.of("curated/*", "quarantine/*", "state/*", "tmp/*")) {
      assertThat(glue.get(bucket + write)).as(write).contains("s3:PutObject", "s3:DeleteObject");
    }

    Map<?, ?> job = template.properties("GlueJob");
    List<String> locations = new ArrayList<>();
    locations.add(template.render(((Map<?, ?>) job.get("Command")).get("ScriptLocation")));
    ((Map<?, ?>) job.get("DefaultArguments"))
        .values()
        .forEach(v -> locations.add(template.render(v)));
    String root = "s3://" + StackTemplate.BUCKET + "/";
    List<String> s3 = locations.stream().filter(l -> l.startsWith("s3://")).toList();
    assertThat(s3).hasSize(8).allMatch(l -> l.startsWith(root));
    for (String location : s3) {
      String prefix = location.substring(root.length()).split("/")[0];
      assertThat(glue).as(location).containsKey(bucket + prefix + "/*");
    }

    List<Object> metricNamespaces = new ArrayList<>();
    for (IamPolicyChecker.Statement statement : new IamPolicyChecker(template).statements()) {
      if (statement.where().startsWith("GlueJobRole.")
          && statement.actions().contains("cloudwatch:PutMetricData")) {
        Object condition = ((Map<?, ?>) statement.body().get("Condition")).get("StringEquals");
        metricNamespaces.addAll(
            IamPolicyChecker.asList(((Map<?, ?>) condition).get("cloudwatch:namespace")));
      }
    }
    assertThat(metricNamespaces).containsExactlyInAnyOrder("loglake", "Glue");

    Set<String> catalog = new TreeSet<>();
    Set<String> logs = new TreeSet<>();
    for (IamPolicyChecker.Statement statement : new IamPolicyChecker(template).statements()) {
      if (!statement.where().startsWith("GlueJobRole.")) {
        continue;
      }
      for (Object action : statement.actions()) {
        for (Object resource : statement.resources()) {
          if (action.toString().startsWith("glue:")) {
            catalog.add(template.render(resource));
          } else if (action.toString().startsWith("logs:")) {
            logs.add(template.render(resource));
          }
        }
      }
    }
    String glueArn = "arn:aws:glue:eu-west-1:123456789012:";
    assertThat(catalog)
        .containsExactlyInAnyOrder(
            glueArn + "catalog",
            glueArn + "database/default",
            glueArn + "database/logs_db",
            glueArn + "database/logs_analytics",
            glueArn + "table/logs_db/*",
            glueArn + "table/logs_analytics/*");
    assertThat(logs)
        .isNotEmpty()
        .allMatch(
            arn -> arn.startsWith("arn:aws:logs:eu-west-1:123456789012:log-group:/aws-glue/"));

    Map<String, Set<String>> firehose = objectGrants("FirehoseRole");
    assertThat(firehose.keySet())
        .containsExactlyInAnyOrder(bucket + "raw/*", bucket + "firehose-errors/*");
  }

  /** S3 object ARN (rendered) to the actions a role's inline policies allow on it. */
  private static Map<String, Set<String>> objectGrants(String roleId) {
    Map<String, Set<String>> grants = new TreeMap<>();
    for (IamPolicyChecker.Statement statement : new IamPolicyChecker(template).statements()) {
      if (!statement.where().startsWith(roleId + ".") || !statement.allows()) {
        continue;
      }
      for (Object resource : statement.resources()) {
        String arn = template.render(resource);
        if (arn.startsWith("arn:aws:s3:::" + StackTemplate.BUCKET + "/")) {
          statement
              .actions()
              .forEach(a -> grants.computeIfAbsent(arn, k -> new TreeSet<>()).add(a.toString()));
        }
      }
    }
    return grants;
  }

  @Test
  void firehoseWritesTheRawZoneLayoutLoglakeReads() {
    String streamId = template.resourcesOfType("AWS::KinesisFirehose::DeliveryStream").get(0);
    Map<?, ?> stream = template.properties(streamId);
    assertThat(stream.get("DeliveryStreamType")).isEqualTo("DirectPut");
    String name = template.render(stream.get("DeliveryStreamName"));
    assertThat(new RawZoneLayout(name).streamName()).isEqualTo(name);

    Map<?, ?> s3 = (Map<?, ?>) stream.get("ExtendedS3DestinationConfiguration");
    assertThat(s3.get("BufferingHints")).isEqualTo(Map.of("SizeInMBs", 1, "IntervalInSeconds", 60));
    assertThat(s3.get("CompressionFormat")).isEqualTo("GZIP");
    assertThat(template.render(s3.get("BucketARN"))).isEqualTo("arn:aws:s3:::example-bucket");

    Instant arrival = Instant.parse("2026-03-04T05:06:07Z");
    String layout = RawZoneLayout.defaults().folder(arrival.toEpochMilli());
    assertThat(evaluateFirehosePrefix(String.valueOf(s3.get("Prefix")), arrival))
        .isEqualTo("raw/" + layout + "/");
    String errors = evaluateFirehosePrefix(String.valueOf(s3.get("ErrorOutputPrefix")), arrival);
    assertThat(errors).doesNotStartWith("raw").contains("!{firehose:error-output-type}");
  }

  /** A Firehose prefix with its {@code !{timestamp:pattern}} expressions evaluated in UTC. */
  private static String evaluateFirehosePrefix(String prefix, Instant arrival) {
    Matcher matcher = Pattern.compile("!\\{timestamp:([^}]+)}").matcher(prefix);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value =
          DateTimeFormatter.ofPattern(matcher.group(1)).withZone(ZoneOffset.UTC).format(arrival);
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(out).toString();
  }

  @Test
  void theGlueJobRunsIncrementallyEveryScheduleWithTheProductionSettings() {
    Map<?, ?> job = template.properties("GlueJob");
    assertThat(job.get("GlueVersion")).isEqualTo("5.1");
    assertThat(job.get("ExecutionProperty")).isEqualTo(Map.of("MaxConcurrentRuns", 1));
    assertThat(StackTemplate.keys(job)).contains("Timeout", "MaxRetries");
    assertThat(job.get("NonOverridableArguments"))
        .isEqualTo(Map.of("--enable-glue-datacatalog", "true"));
    Map<String, String> arguments = new TreeMap<>();
    ((Map<?, ?>) job.get("DefaultArguments"))
        .forEach((k, v) -> arguments.put(String.valueOf(k), template.render(v)));
    String root = "s3://" + StackTemplate.BUCKET + "/";
    assertThat(arguments)
        .containsEntry("--class", "GlueApp")
        .containsEntry("--extra-jars", root + "jars/loglake-glue.jar")
        .containsEntry("--TempDir", root + "tmp/glue/")
        .containsEntry("--job-bookmark-option", "job-bookmark-disable")
        .containsEntry("--enable-metrics", "true")
        .containsEntry("--incremental", "true")
        .containsEntry("--raw", root + "raw/")
        .containsEntry("--curated", root + "curated/")
        .containsEntry("--quarantine", root + "quarantine/")
        .containsEntry("--state", root + "state/")
        .doesNotContainKey("--enable-glue-datacatalog");
    assertThat(template.render(((Map<?, ?>) job.get("Command")).get("ScriptLocation")))
        .isEqualTo(root + "scripts/LoglakeGlueJob.scala");

    Map<?, ?> trigger = template.properties("HourlyTrigger");
    assertThat(trigger.get("Type")).isEqualTo("SCHEDULED");
    assertThat(trigger.get("Schedule")).isEqualTo(Map.of("Ref", "Schedule"));
    assertThat(trigger.get("Actions"))
        .isEqualTo(List.of(Map.of("JobName", Map.of("Ref", "GlueJob"))));
    assertThat(
            String.valueOf(
                ((Map<?, ?>) template.section("Parameters").get("Schedule")).get("Default")))
        .matches("cron\\(\\d+ \\* \\* \\* \\? \\*\\)");
  }

  @Test
  void theGlueDatabasesAreTheOnesTheDdlCreates() throws IOException {
    String ddl =
        Files.readString(
            Path.of("sql", "athena", "ddl", "01_databases.sql"), StandardCharsets.UTF_8);
    Set<String> expected = new TreeSet<>();
    Matcher matcher = Pattern.compile("CREATE DATABASE IF NOT EXISTS (\\w+);").matcher(ddl);
    while (matcher.find()) {
      expected.add(matcher.group(1));
    }
    Set<String> declared = new TreeSet<>();
    for (String id : template.resourcesOfType("AWS::Glue::Database")) {
      declared.add(
          String.valueOf(((Map<?, ?>) template.properties(id).get("DatabaseInput")).get("Name")));
    }
    assertThat(expected).isNotEmpty();
    assertThat(declared).isEqualTo(expected);
  }

  @Test
  void everySqlQueryIsANamedQueryOfTheWorkgroupVerbatim() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> sql = Files.list(Path.of("sql", "athena", "queries"))) {
      for (Path file : sql.filter(p -> p.toString().endsWith(".sql")).toList()) {
        String name = file.getFileName().toString();
        files.put(
            name.substring(0, name.length() - 4), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    Map<String, String> named = new TreeMap<>();
    for (String id : template.resourcesOfType("AWS::Athena::NamedQuery")) {
      Map<?, ?> query = template.properties(id);
      assertThat(query.get("WorkGroup")).as(id).isEqualTo(Map.of("Ref", "AthenaWorkGroup"));
      named.put(String.valueOf(query.get("Name")), String.valueOf(query.get("QueryString")));
    }
    assertThat(files).isNotEmpty();
    assertThat(named).isEqualTo(files);

    Map<?, ?> workgroup =
        (Map<?, ?>) template.properties("AthenaWorkGroup").get("WorkGroupConfiguration");
    assertThat(workgroup.get("EnforceWorkGroupConfiguration")).isEqualTo(true);
    assertThat(
            template.render(
                ((Map<?, ?>) workgroup.get("ResultConfiguration")).get("OutputLocation")))
        .startsWith("s3://" + StackTemplate.BUCKET + "/");
  }
}
