package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jobs/glue/job-definition.json, the CreateJob/UpdateJob input, holds the production settings of
 * issue 11 (the CloudFormation template defines the same job; both are checked against this list).
 */
class GlueJobDefinitionTest {
  private static final Path DEFINITION = Path.of("jobs/glue/job-definition.json");

  /** The top-level members of the Glue CreateJob request this file uses (the API's names). */
  private static final Set<String> CREATE_JOB_MEMBERS =
      Set.of(
          "Name",
          "Description",
          "Role",
          "GlueVersion",
          "WorkerType",
          "NumberOfWorkers",
          "Timeout",
          "MaxRetries",
          "ExecutionProperty",
          "Command",
          "DefaultArguments",
          "NonOverridableArguments");

  /** The deploy-time values, as CloudFormation's Fn::Sub and envsubst spell them. */
  private static final Set<String> PLACEHOLDERS = Set.of("BucketName", "GlueJobRoleArn");

  private static JsonNode job;
  private static Map<String, String> arguments;

  @BeforeAll
  static void read() throws IOException {
    job = new ObjectMapper().readTree(DEFINITION.toFile());
    arguments = new HashMap<>();
    job.get("DefaultArguments")
        .fields()
        .forEachRemaining(e -> arguments.put(e.getKey(), e.getValue().asText()));
  }

  @Test
  void itHoldsOnlyCreateJobMembers() {
    List<String> members = new ArrayList<>();
    job.fieldNames().forEachRemaining(members::add);
    assertThat(members).isSubsetOf(CREATE_JOB_MEMBERS);
  }

  @Test
  void theGlueVersionIsPinnedTo51WhoseSparkTheBuildUses() {
    assertThat(job.get("GlueVersion").asText()).isEqualTo("5.1");
    // Glue 5.1 runs Spark 3.5.6 (AWS Glue versions page); the build compiles and tests against it.
    assertThat(org.apache.spark.package$.MODULE$.SPARK_VERSION()).isEqualTo("3.5.6");
    assertThat(scala.util.Properties.versionNumberString()).startsWith("2.12.");
    assertThat(job.get("Description").asText()).contains("pinned").contains("Scala 2.13");
  }

  @Test
  void oneRunAtATimeWithATimeoutThatEndsItBeforeTheNextHourAndARetry() {
    assertThat(job.get("ExecutionProperty").get("MaxConcurrentRuns").asInt()).isEqualTo(1);
    int timeoutMinutes = job.get("Timeout").asInt();
    int retries = job.get("MaxRetries").asInt();
    assertThat(timeoutMinutes).isPositive();
    assertThat(retries).isBetween(0, 2);
    assertThat(timeoutMinutes * (retries + 1))
        .as("every attempt ends within the hour")
        .isLessThan(60);
  }

  @Test
  void itIsAScalaJobOfTheGlueJarWithGluesProductionArguments() {
    assertThat(job.get("Command").get("Name").asText()).isEqualTo("glueetl");
    assertThat(job.get("Command").get("ScriptLocation").asText())
        .isEqualTo("s3://${BucketName}/scripts/LoglakeGlueJob.scala");
    assertThat(arguments)
        .containsEntry("--job-language", "scala")
        .containsEntry("--class", "GlueApp")
        .containsEntry("--extra-jars", "s3://${BucketName}/jars/loglake-glue.jar")
        .containsEntry("--job-bookmark-option", "job-bookmark-disable")
        .containsEntry("--enable-metrics", "true")
        .containsKey("--TempDir")
        .doesNotContainKey("--enable-glue-datacatalog");
    assertThat(arguments.get("--TempDir")).startsWith("s3://${BucketName}/");
    assertThat(job.get("NonOverridableArguments").get("--enable-glue-datacatalog").asText())
        .isEqualTo("true");
  }

  @Test
  void icebergComesFromGlueWithTheSessionCatalogLoglakeNames() {
    assertThat(arguments).containsEntry("--datalake-formats", "iceberg");
    Map<String, String> conf = sparkConf(arguments.get("--conf"));
    assertThat(conf)
        .containsEntry(
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        // job/SparkSessionFactory names Iceberg tables through the session catalog.
        .containsEntry(
            "spark.sql.catalog.spark_catalog", "org.apache.iceberg.spark.SparkSessionCatalog")
        .containsEntry(
            "spark.sql.catalog.spark_catalog.catalog-impl",
            "org.apache.iceberg.aws.glue.GlueCatalog")
        .containsEntry(
            "spark.sql.catalog.spark_catalog.io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
        .containsKey("spark.sql.catalog.spark_catalog.warehouse");
  }

  @Test
  void theHourlyRunIsIncrementalWithItsStateAndEveryPathIsS3() {
    assertThat(arguments)
        .containsEntry("--incremental", "true")
        .containsEntry("--state", "s3://${BucketName}/state/")
        .containsEntry("--raw", "s3://${BucketName}/raw/")
        .containsEntry("--curated", "s3://${BucketName}/curated/");
    String all = job.toString();
    assertThat(all).doesNotContain("s3a://").doesNotContain("s3n://");
    Matcher path = Pattern.compile("s3://([^/\"]*)/").matcher(all);
    int paths = 0;
    while (path.find()) {
      assertThat(path.group(1)).as("the bucket of every path").isEqualTo("${BucketName}");
      paths++;
    }
    assertThat(paths).isGreaterThan(5);
  }

  @Test
  void deployTimeValuesAreTheStacksSubstitutionTokensOnly() throws IOException {
    String text = Files.readString(DEFINITION);
    Set<String> tokens = new TreeSet<>();
    Matcher token = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
    while (token.find()) {
      tokens.add(token.group(1));
    }
    assertThat(tokens).isEqualTo(PLACEHOLDERS);
    assertThat(text).doesNotContain("<bucket>").doesNotContain("<account-id>");
  }

  @Test
  void theEntryPointAcceptsTheArgumentsAsGluePassesThem() {
    List<String> sysArgs =
        new ArrayList<>(
            List.of("--JOB_NAME", "loglake-etl", "--JOB_RUN_ID", "jr_1", "--JOB_ID", "j_1"));
    arguments.forEach(
        (key, value) -> {
          sysArgs.add(key);
          sysArgs.add(value);
        });
    sysArgs.addAll(List.of("--enable-glue-datacatalog", "true"));

    List<String> etl = GlueEntryPoint.toEtlArguments(sysArgs.toArray(String[]::new));

    assertThat(etl.get(0)).isEqualTo("etl");
    assertThat(pairs(etl.subList(1, etl.size())))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "--raw", "s3://${BucketName}/raw/",
                "--curated", "s3://${BucketName}/curated/",
                "--quarantine", "s3://${BucketName}/quarantine/",
                "--state", "s3://${BucketName}/state/",
                "--incremental", "",
                "--curated-table", "logs_analytics.app_logs_curated",
                "--levels", "WARN,ERROR",
                "--report", "s3://${BucketName}/state/reports/latest.json",
                "--metrics", "cloudwatch"));
  }

  /** {@code --KEY VALUE} words (a flag alone maps to "") as a map. */
  private static Map<String, String> pairs(List<String> words) {
    Map<String, String> pairs = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      String key = words.get(i);
      boolean hasValue = i + 1 < words.size() && !words.get(i + 1).startsWith("--");
      pairs.put(key, hasValue ? words.get(++i) : "");
    }
    return pairs;
  }

  /** Glue's --conf value: "k=v --conf k=v ...". */
  private static Map<String, String> sparkConf(String value) {
    Map<String, String> conf = new HashMap<>();
    for (String setting : value.split(" --conf ")) {
      int equals = setting.indexOf('=');
      assertThat(equals).as("a key=value setting: " + setting).isPositive();
      conf.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
    }
    return conf;
  }
}
