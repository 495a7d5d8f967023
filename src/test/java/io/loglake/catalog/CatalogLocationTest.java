package io.loglake.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogLocationTest {
  @Test
  void hadoopsS3SchemesEnterTheCatalogAsS3AndOthersUnchanged() {
    assertThat(CatalogLocation.forCatalog("s3a://bucket/raw/2025/11/01/05/"))
        .isEqualTo("s3://bucket/raw/2025/11/01/05/");
    assertThat(CatalogLocation.forCatalog("S3A://bucket/x")).isEqualTo("s3://bucket/x");
    assertThat(CatalogLocation.forCatalog("s3n://bucket/x")).isEqualTo("s3://bucket/x");
    assertThat(CatalogLocation.forCatalog("s3://bucket/x")).isEqualTo("s3://bucket/x");
    assertThat(CatalogLocation.forCatalog("file:/tmp/s3a://x")).isEqualTo("file:/tmp/s3a://x");
    assertThat(CatalogLocation.forCatalog("hdfs://nn/s3a/x")).isEqualTo("hdfs://nn/s3a/x");
  }

  @Test
  void locationsAreComparedInCatalogFormIgnoringTrailingSlashes() {
    assertThat(CatalogLocation.same("s3://bucket/x", "s3a://bucket/x")).isTrue();
    assertThat(CatalogLocation.same("s3://bucket/x/", "s3a://bucket/x")).isTrue();
    assertThat(CatalogLocation.same("file:/tmp/c", "file:/tmp/c/")).isTrue();
    assertThat(CatalogLocation.same("s3://bucket/x", "s3a://bucket/y")).isFalse();
    assertThat(CatalogLocation.same("s3://bucket/x", "s3a://other/x")).isFalse();
    assertThat(CatalogLocation.same("s3://bucket/x", "file:/bucket/x")).isFalse();
  }

  @Test
  void crawledPartitionsAreRegisteredWithTheirS3Form() {
    String sql =
        SparkRawTableCatalog.addPartitionsSql(
            TableName.parse("logs_db.raw_logs"),
            List.of(new RawPartition("2025", "11", "01", "05", "s3a://bucket/raw/2025/11/01/05/")));
    assertThat(sql).endsWith(" LOCATION 's3://bucket/raw/2025/11/01/05/'");
    assertThat(
            RawTableDefinition.createTableSql(
                TableName.parse("logs_db.raw_logs"), "s3a://bucket/raw/"))
        .contains(" LOCATION 's3://bucket/raw/'");
  }
}
