package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlueEntryPointTest {
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
}
