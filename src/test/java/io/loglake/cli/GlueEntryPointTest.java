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

    String[] badLevel = {"--JOB_NAME", "loglake-etl", "--levels", "EROR"};
    assertThatThrownBy(() -> GlueEntryPoint.run(badLevel))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exit code 2");
    assertThat(output.stderr()).contains("Invalid --levels: 'EROR' is not a level");
  }
}
