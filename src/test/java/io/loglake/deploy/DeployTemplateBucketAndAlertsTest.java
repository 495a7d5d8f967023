package io.loglake.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.EtlConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack template's bucket and alerts as issue 11 asks for them: encryption, public access
 * blocked, raw/ expiring, TLS only; job FAILED/TIMEOUT to SNS and an alarm on the quarantine rate
 * of the metrics loglake publishes (namespace {@code loglake}, dimension {@code table} = the
 * curated table's name, as {@link EtlConfig} declares it).
 */
class DeployTemplateBucketAndAlertsTest {
  private static StackTemplate template;

  @BeforeAll
  static void load() {
    template = StackTemplate.load();
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  @Test
  void theBucketIsEncryptedPrivateTlsOnlyAndRawExpires() {
    Map<?, ?> bucket = template.properties(template.bucketId());
    assertThat(template.render(bucket.get("BucketName"))).isEqualTo(StackTemplate.BUCKET);
    assertThat(bucket.get("PublicAccessBlockConfiguration"))
        .isEqualTo(
            Map.of(
                "BlockPublicAcls", true,
                "BlockPublicPolicy", true,
                "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true));
    Object encryption =
        map(list(map(bucket.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"))
                .get(0))
            .get("ServerSideEncryptionByDefault");
    assertThat(map(encryption).get("SSEAlgorithm")).isIn("AES256", "aws:kms");

    List<Object> rawRules = new ArrayList<>();
    for (Object rule : list(map(bucket.get("LifecycleConfiguration")).get("Rules"))) {
      if ("raw/".equals(map(rule).get("Prefix")) && "Enabled".equals(map(rule).get("Status"))) {
        rawRules.add(rule);
      }
    }
    assertThat(rawRules).hasSize(1);
    assertThat(map(rawRules.get(0)).get("ExpirationInDays")).isInstanceOf(Integer.class);

    String policyId = template.resourcesOfType("AWS::S3::BucketPolicy").get(0);
    Map<?, ?> policy = template.properties(policyId);
    assertThat(policy.get("Bucket")).isEqualTo(Map.of("Ref", template.bucketId()));
    Map<?, ?> denial = map(list(map(policy.get("PolicyDocument")).get("Statement")).get(0));
    assertThat(denial.get("Effect")).isEqualTo("Deny");
    assertThat(denial.get("Action")).isEqualTo("s3:*");
    assertThat(denial.get("Condition"))
        .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    List<String> resources = new ArrayList<>();
    list(denial.get("Resource")).forEach(r -> resources.add(template.render(r)));
    assertThat(resources)
        .containsExactlyInAnyOrder(
            "arn:aws:s3:::" + StackTemplate.BUCKET, "arn:aws:s3:::" + StackTemplate.BUCKET + "/*");
  }

  @Test
  void aFailedOrTimedOutJobRunIsPublishedToTheAlertTopicWhichMailsTheAlarmAddress() {
    Map<?, ?> rule = template.properties("JobFailedRule");
    Map<?, ?> pattern = map(rule.get("EventPattern"));
    assertThat(pattern.get("source")).isEqualTo(List.of("aws.glue"));
    assertThat(pattern.get("detail-type")).isEqualTo(List.of("Glue Job State Change"));
    assertThat(map(pattern.get("detail")).get("state")).isEqualTo(List.of("FAILED", "TIMEOUT"));
    assertThat(map(pattern.get("detail")).get("jobName"))
        .isEqualTo(List.of(Map.of("Ref", "GlueJob")));
    assertThat(map(list(rule.get("Targets")).get(0)).get("Arn"))
        .isEqualTo(Map.of("Ref", "AlertTopic"));
    assertThat(template.resource("JobFailedRule").get("Condition"))
        .isEqualTo(template.resource("GlueJob").get("Condition"));

    Map<?, ?> subscription = template.properties("AlertEmailSubscription");
    assertThat(subscription.get("Protocol")).isEqualTo("email");
    assertThat(subscription.get("Endpoint")).isEqualTo(Map.of("Ref", "AlarmEmail"));
    assertThat(subscription.get("TopicArn")).isEqualTo(Map.of("Ref", "AlertTopic"));

    Map<?, ?> topicPolicy = template.properties("AlertTopicPolicy");
    assertThat(topicPolicy.get("Topics")).isEqualTo(List.of(Map.of("Ref", "AlertTopic")));
    List<String> publishers = new ArrayList<>();
    for (Object statement : list(map(topicPolicy.get("PolicyDocument")).get("Statement"))) {
      Map<?, ?> s = map(statement);
      assertThat(s.get("Action")).isEqualTo("sns:Publish");
      publishers.add(String.valueOf(map(s.get("Principal")).get("Service")));
      String source =
          template.render(map(map(s.get("Condition")).get("ArnEquals")).get("aws:SourceArn"));
      String expected =
          s.get("Principal").toString().contains("events")
              ? "arn:aws:events:eu-west-1:123456789012:rule/"
                  + template.render(template.properties("JobFailedRule").get("Name"))
              : "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:"
                  + template.render(template.properties("QuarantineRateAlarm").get("AlarmName"));
      assertThat(source).isEqualTo(expected);
    }
    assertThat(publishers)
        .containsExactlyInAnyOrder("events.amazonaws.com", "cloudwatch.amazonaws.com");
  }

  @Test
  void theAlarmDividesQuarantinedByReadRecordsOfTheCuratedTable() {
    Map<?, ?> alarm = template.properties("QuarantineRateAlarm");
    assertThat(alarm.get("AlarmActions")).isEqualTo(List.of(Map.of("Ref", "AlertTopic")));
    assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
    assertThat(((Number) alarm.get("Threshold")).doubleValue()).isBetween(0.0, 1.0);
    Map<String, String> metricById = new TreeMap<>();
    String expression = null;
    for (Object query : list(alarm.get("Metrics"))) {
      Map<?, ?> q = map(query);
      if (q.containsKey("Expression")) {
        expression = String.valueOf(q.get("Expression"));
        assertThat(q.get("ReturnData")).isEqualTo(true);
        continue;
      }
      Map<?, ?> metric = map(map(q.get("MetricStat")).get("Metric"));
      assertThat(metric.get("Namespace")).isEqualTo("loglake");
      assertThat(metric.get("Dimensions"))
          .isEqualTo(List.of(Map.of("Name", "table", "Value", EtlConfig.DEFAULT_CURATED_TABLE)));
      assertThat(map(q.get("MetricStat")).get("Stat")).isEqualTo("Sum");
      assertThat(q.get("ReturnData")).isEqualTo(false);
      metricById.put(String.valueOf(metric.get("MetricName")), String.valueOf(q.get("Id")));
    }
    assertThat(metricById.keySet()).containsExactly("records_quarantined", "records_read");
    assertThat(expression)
        .contains(metricById.get("records_quarantined") + " / " + metricById.get("records_read"));
  }
}
