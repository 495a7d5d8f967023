package io.loglake.cli;

import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestSession.class)
class GlueEntryPointTest {
  private static final String TABLE = "glue_entry_test.app_logs_curated";

  @RegisterExtension final CapturedOutput output = new CapturedOutput();
  @TempDir Path dir;

  @AfterEach
  void dropTheTable(SparkSession spark) {
    spark.sql("DROP TABLE IF EXISTS " + TABLE);
  }

  @Test
  void keepsTheEtlOptionsAndDropsGluesOwnArguments() {
    String[] glue = {
      "--JOB_NAME", "loglake-etl", "--raw", "s3a://b/raw/", "--job-bookmark-option",
          "job-bookmark-disable",
      "--TempDir", "s3://b/tmp/", "--curated", "s3a://b/curated/", "--enable-glue-datacatalog",
          "--levels",
      "ERROR", "--JOB_RUN_ID", "jr_1"
    };

    assertThat(GlueEntryPoint.toEtlArguments(glue))
        .containsExactly(
            "etl", "--raw", "s3a://b/raw/", "--curated", "s3a://b/curated/", "--levels", "ERROR");
  }

  @Test
  void runsTheJobOnARawZoneAsGlueCallsItAndRegistersThePartitions(SparkSession spark)
      throws Exception {
    Path raw = dir.resolve("raw");
    gzipFile(
        raw.resolve("2025/11/09/10/stream-1-2025-11-09-10-00-00-a.gz"),
        record("2025-11-09T10:01:00Z", "ERROR", "checkout", "glue 1", "u1", null),
        record("2025-11-09T10:02:00Z", "INFO", "checkout", "glue 2", "u1", null),
        record("2025-11-09T10:03:00Z", "WARN", "auth", "glue 3", "u2", null),
        "{broken");
    gzipFile(
        raw.resolve("2025/11/09/11/stream-1-2025-11-09-11-00-00-b.gz"),
        record("2025-11-09T11:04:00Z", "ERROR", "auth", "glue 4", "u3", null));
    Path curated = dir.resolve("curated");
    Path report = dir.resolve("reports/latest.json");
    // As Glue passes them (job-definition.json's defaults plus Glue's own), in Glue's order.
    String[] glue = {
      "--JOB_NAME", "loglake-etl",
      "--JOB_RUN_ID", "jr_0123",
      "--job-bookmark-option", "job-bookmark-disable",
      "--TempDir", dir.resolve("tmp").toUri().toString(),
      "--enable-glue-datacatalog", "true",
      "--raw", raw.toUri().toString(),
      "--curated", curated.toUri().toString(),
      "--levels", "WARN,ERROR",
      "--report", report.toUri().toString(),
      "--curated-table", TABLE,
      "--job-language", "scala"
    };

    GlueEntryPoint.run(glue);

    JsonNode run = new ObjectMapper().readTree(report.toFile());
    assertThat(run.get("records_read").asLong()).isEqualTo(5);
    assertThat(run.get("records_written").asLong()).isEqualTo(3);
    assertThat(run.get("records_filtered_out").asLong()).isEqualTo(1);
    assertThat(run.get("records_quarantined").asLong()).isEqualTo(1);
    List<String> messages =
        spark
            .read()
            .parquet(curated.toString())
            .select("message")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(messages).containsExactlyInAnyOrder("glue 1", "glue 3", "glue 4");
    List<String> partitions =
        spark.sql("SHOW PARTITIONS " + TABLE).collectAsList().stream()
            .map((Row row) -> row.getString(0))
            .toList();
    assertThat(partitions).containsExactlyInAnyOrder("dt=2025-11-09/hr=10", "dt=2025-11-09/hr=11");
    assertThat(spark.sql("SELECT count(*) FROM " + TABLE).first().getLong(0)).isEqualTo(3);
    assertThat(output.stderr()).doesNotContain("Usage:");
  }

  @Test
  void aFailedRunThrowsSoThatGlueMarksItFailed() {
    String[] missingRaw = {
      "--JOB_NAME",
      "loglake-etl",
      "--raw",
      dir.resolve("nowhere").toString(),
      "--curated",
      dir.resolve("curated").toString(),
      "--no-register"
    };
    assertThatThrownBy(() -> GlueEntryPoint.run(missingRaw))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exit code 1");
    assertThat(output.stderr()).contains("Cannot read raw logs:");

    String[] badLevel = {
      "--JOB_NAME",
      "loglake-etl",
      "--raw",
      "s3://b/raw/",
      "--curated",
      "s3://b/c/",
      "--levels",
      "EROR"
    };
    assertThatThrownBy(() -> GlueEntryPoint.run(badLevel))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exit code 2");
    assertThat(output.stderr()).contains("Invalid --levels: 'EROR' is not a level");
  }

  private static final String[] STORAGE = {"--raw", "s3://b/raw/", "--curated", "s3://b/curated/"};

  private static List<String> etlArgumentsWith(String... glue) {
    String[] all =
        java.util.stream.Stream.concat(Arrays.stream(STORAGE), Arrays.stream(glue))
            .toArray(String[]::new);
    List<String> etl = GlueEntryPoint.toEtlArguments(all);
    assertThat(etl.subList(0, 5))
        .containsExactly("etl", "--raw", "s3://b/raw/", "--curated", "s3://b/curated/");
    return etl.subList(5, etl.size());
  }

  @Test
  void aFlagIsOnForTrueOrAnEmptyValueAndOffForFalse() {
    assertThat(etlArgumentsWith("--no-register", "true")).containsExactly("--no-register");
    assertThat(etlArgumentsWith("--no-register", "TRUE")).containsExactly("--no-register");
    assertThat(etlArgumentsWith("--no-register", "")).containsExactly("--no-register");
    assertThat(etlArgumentsWith("--no-register", "false")).isEmpty();
    assertThat(etlArgumentsWith("--no-register", "false", "--levels", "ERROR"))
        .containsExactly("--levels", "ERROR");
    assertThat(etlArgumentsWith("--no-register=true")).containsExactly("--no-register");
    assertThat(etlArgumentsWith("--no-register=")).containsExactly("--no-register");
    assertThat(etlArgumentsWith("--no-register=false")).isEmpty();
    assertThat(etlArgumentsWith("--no-register")).containsExactly("--no-register");
    assertThat(etlArgumentsWith("--no-register", "--levels", "ERROR"))
        .containsExactly("--no-register", "--levels", "ERROR");
    assertThat(etlArgumentsWith("--incremental", "true", "--no-compact", ""))
        .containsExactly("--incremental", "--no-compact");
    assertThat(etlArgumentsWith("--incremental", "false")).isEmpty();
  }

  @Test
  void aFlagWithAnotherValueFailsNamingIt() {
    assertThatThrownBy(() -> etlArgumentsWith("--no-register", "yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot run the Glue job: --no-register is a flag: give it true, false or an empty"
                + " value, not 'yes'");
  }

  @Test
  void keyEqualsValuePairsAreSplitAtTheFirstEquals() {
    assertThat(
            GlueEntryPoint.toEtlArguments(
                new String[] {
                  "--raw=s3://b/raw/",
                  "--curated=s3://b/k=v/",
                  "--levels=WARN,ERROR",
                  "--JOB_NAME=j"
                }))
        .containsExactly(
            "etl", "--raw", "s3://b/raw/", "--curated", "s3://b/k=v/", "--levels", "WARN,ERROR");
  }

  @Test
  void theHourlyRunsArgumentsPassAsGlueGivesThem() {
    assertThat(
            etlArgumentsWith(
                "--incremental", "true", "--state", "s3://b/state/", "--format", "iceberg"))
        .containsExactly("--incremental", "--state", "s3://b/state/", "--format", "iceberg");
  }

  @Test
  void anOptionalValueMayBeEmptyButARequiredOneMayNot() {
    assertThat(
            GlueEntryPoint.toEtlArguments(new String[] {"--table", "", "--curated", "s3://b/c/"}))
        .containsExactly("etl", "--table", "--curated", "s3://b/c/");
    assertThatThrownBy(() -> etlArgumentsWith("--levels", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot run the Glue job: --levels needs a value");
    assertThatThrownBy(() -> etlArgumentsWith("--report"))
        .hasMessageStartingWith("Cannot run the Glue job: --report needs a value");
  }

  @Test
  void gluesOwnSparkSettingsAreNeverEtlOptions() {
    assertThat(
            etlArgumentsWith(
                "--conf",
                "spark.sql.extensions=x --conf spark.sql.catalog.spark_catalog=y",
                "--datalake-formats",
                "iceberg",
                "--enable-metrics",
                "true"))
        .isEmpty();
  }

  @Test
  void theCuratedPathAndAnInputAreRequired() {
    assertThatThrownBy(() -> GlueEntryPoint.toEtlArguments(new String[] {"--raw", "s3://b/raw/"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot run the Glue job: --curated is missing");
    assertThatThrownBy(
            () ->
                GlueEntryPoint.toEtlArguments(
                    new String[] {"--JOB_NAME", "j", "--curated", "s3://b/c/"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot run the Glue job: neither --raw nor --table is given");
    assertThat(
            GlueEntryPoint.toEtlArguments(
                new String[] {"--curated", "s3://b/c/", "--table", "d.t"}))
        .containsExactly("etl", "--curated", "s3://b/c/", "--table", "d.t");
  }

  @Test
  void aMissingCuratedPathFailsTheRunBeforeAnySparkWork() {
    Path local = dir.resolve("would-be-default");
    assertThatThrownBy(() -> GlueEntryPoint.run(new String[] {"--raw", local.toString()}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot run the Glue job: --curated is missing");
    assertThat(local).doesNotExist();
  }

  @Test
  void aWordThatIsNotAKeyFails() {
    assertThatThrownBy(() -> etlArgumentsWith("--levels", "ERROR", "WARN"))
        .hasMessageStartingWith("Cannot run the Glue job: 'WARN' is not a --KEY");
  }
}
