package io.loglake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.catalog.TableName;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The defaults of a run, pinned with values written out here, and what a config refuses. */
class EtlConfigTest {
  private static long micros(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  private static EtlConfigBuilder minimal() {
    return EtlConfig.builder().rawPath("s3a://bucket/raw/").curatedPath("s3a://bucket/curated/");
  }

  @Test
  void aConfigGivenOnlyItsPathsHasEveryDefault() {
    EtlConfig config = minimal().build();

    assertThat(config.rawPath()).isEqualTo("s3a://bucket/raw/");
    assertThat(config.table()).isNull();
    assertThat(config.source()).isEqualTo("s3a://bucket/raw/");
    assertThat(config.curatedPath()).isEqualTo("s3a://bucket/curated/");
    assertThat(config.quarantinePath()).isEqualTo("s3a://bucket/_quarantine");
    assertThat(config.levels()).containsExactlyInAnyOrder("WARN", "ERROR");
    assertThat(config.reportPath()).isNull();
    assertThat(config.targetFileBytes()).isEqualTo(134_217_728L);
    assertThat(config.maxLineBytes()).isEqualTo(1_048_576);
    assertThat(config.eventTimeRange().fromMicros()).isEqualTo(micros("2000-01-01T00:00:00Z"));
    assertThat(config.eventTimeRange().toMicros()).isEqualTo(micros("2100-01-01T00:00:00Z"));
    assertThat(config.dedupeWindow()).isEqualTo(java.time.Duration.ofHours(24));
    assertThat(config.curatedTable())
        .isEqualTo(new TableName("logs_analytics", "app_logs_curated"));
    assertThat(config.incremental()).isFalse();
    assertThat(config.statePath()).isEqualTo("s3a://bucket/_loglake_state");
    assertThat(config.lookback()).isEqualTo(Duration.ofHours(3));
    assertThat(config.format()).isEqualTo(TableFormat.PARQUET);
    assertThat(config.compact()).isTrue();
    CompactionSettings compaction = config.compaction();
    assertThat(compaction.curatedPath()).isEqualTo("s3a://bucket/curated/");
    assertThat(compaction.statePath()).isEqualTo("s3a://bucket/_loglake_state");
    assertThat(compaction.format()).isEqualTo(TableFormat.PARQUET);
    assertThat(compaction.targetFileBytes()).isEqualTo(134_217_728L);
    assertThat(compaction.snapshotRetention()).isEqualTo(Duration.ofDays(5));
    assertThat(compaction.retainLastSnapshots()).isEqualTo(10);
    assertThat(compaction.orphanRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(config.metrics()).isEqualTo(MetricsTarget.NONE);
    assertThat(config.metricsTable()).isEqualTo("logs_analytics.app_logs_curated");
    assertThat(config.quality()).isNull();
    assertThat(config.pii()).isEqualTo(PiiConfig.NONE);
    assertThat(config.pii().ipMask()).isEqualTo(IpMask.NONE);
    assertThat(config.pii().hashUserId()).isFalse();
    assertThat(config.pii().enabled()).isFalse();
  }

  @Test
  void piiSettingsReachTheConfigAndHashingNeedsAKeySource() {
    assertThat(PiiConfig.DEFAULT_IP_MASK_TEXT).isEqualTo("none");
    assertThat(PiiConfig.DEFAULT_IP_MASK).isEqualTo(IpMask.NONE);
    assertThat(PiiConfig.DEFAULT_HASH_KEY_ENV).isEqualTo("LOGLAKE_HASH_KEY");
    assertThat(PiiConfig.MIN_KEY_BYTES).isEqualTo(16);
    HashKeySource key =
        new HashKeySource() {
          @Override
          public String describe() {
            return "test";
          }

          @Override
          public byte[] read() {
            return new byte[16];
          }
        };
    PiiConfig pii = new PiiConfig(IpMask.TRUNCATE, true, key);
    EtlConfig config = minimal().pii(pii).build();
    assertThat(config.pii()).isSameAs(pii);
    assertThat(config.pii().needsKey()).isTrue();
    assertThat(new PiiConfig(IpMask.TRUNCATE, false, null).needsKey()).isFalse();
    assertThat(new PiiConfig(IpMask.TRUNCATE, false, null).enabled()).isTrue();
    assertThat(IpMask.parse(" Hash ")).isEqualTo(IpMask.HASH);
    assertThatThrownBy(() -> IpMask.parse("drop"))
        .hasMessageContaining("expected none, truncate or hash, got 'drop'");
    assertThatThrownBy(() -> new PiiConfig(IpMask.HASH, false, null))
        .hasMessageContaining("hashing needs a key source");
    assertThatThrownBy(() -> new PiiConfig(IpMask.NONE, true, null))
        .hasMessageContaining("hashing needs a key source");
    assertThatThrownBy(() -> minimal().pii(null).build())
        .hasMessageContaining("a PII setting is required");
  }

  @Test
  void theDataQualityThresholdsHaveTheirDefaultsAndRefuseValuesOutOfRange() {
    QualityConfig defaults = QualityConfig.DEFAULT;
    assertThat(defaults.maxQuarantineRate()).isEqualTo(0.01);
    assertThat(defaults.maxMissingService()).isEqualTo(0.05);
    assertThat(defaults.minVolumeRatio()).isEqualTo(0.5);
    assertThat(defaults.maxVolumeRatio()).isEqualTo(2.0);
    assertThat(defaults.minBaselineRows()).isEqualTo(100);
    assertThat(QualityConfig.MAX_CHECKED_HOURS).isEqualTo(744);
    assertThat(minimal().quality(defaults).build().quality()).isSameAs(defaults);
    assertThatThrownBy(() -> new QualityConfig(1.5, 0.05, 0.5, 2, 100))
        .hasMessage("the max quarantine rate must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> new QualityConfig(0.01, -0.1, 0.5, 2, 100))
        .hasMessage("the max missing-service share must be between 0 and 1, got -0.1");
    assertThatThrownBy(() -> new QualityConfig(0.01, 0.05, 1.5, 2, 100))
        .hasMessage("the min volume ratio must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> new QualityConfig(0.01, 0.05, 0.5, 0.9, 100))
        .hasMessage("the max volume ratio must be 1 or more, got 0.9");
    assertThatThrownBy(() -> new QualityConfig(0.01, 0.05, 0.5, 2, 0))
        .hasMessage("the min baseline rows must be 1 or more, got 0");
    assertThatThrownBy(() -> new QualityConfig(Double.NaN, 0.05, 0.5, 2, 100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void metricsGoWhereAskedAndTheirTableIsTheRegisteredOneElseTheCuratedPath() {
    assertThat(EtlConfig.DEFAULT_METRICS_TEXT).isEqualTo("none");
    assertThat(MetricsTarget.parse(" CloudWatch ")).isEqualTo(MetricsTarget.CLOUDWATCH);
    EtlConfig config =
        minimal()
            .metrics(MetricsTarget.CLOUDWATCH)
            .curatedTable(new TableName("db1", "t1"))
            .build();
    assertThat(config.metrics()).isEqualTo(MetricsTarget.CLOUDWATCH);
    assertThat(config.metricsTable()).isEqualTo("db1.t1");
    assertThat(minimal().noRegister().build().metricsTable()).isEqualTo("s3a://bucket/curated/");
    assertThatThrownBy(() -> minimal().metrics(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metrics target");
  }

  @Test
  void theDefaultsAsTextSayWhatTheValuesAre() {
    // loglake etl's option defaults are these texts: they must mean the builder's values.
    assertThat(EtlConfig.DEFAULT_TABLE).isEqualTo("logs_db.raw_logs");
    assertThat(EtlConfig.DEFAULT_CURATED_TABLE).isEqualTo("logs_analytics.app_logs_curated");
    assertThat(EtlConfig.DEFAULT_LEVELS).isEqualTo("WARN,ERROR");
    assertThat(ByteSize.parse(EtlConfig.DEFAULT_TARGET_FILE_SIZE)).isEqualTo(128L << 20);
    assertThat(EtlConfig.DEFAULT_TARGET_FILE_BYTES).isEqualTo(128L << 20);
    assertThat(ByteSize.parse(EtlConfig.DEFAULT_MAX_LINE_SIZE)).isEqualTo(1L << 20);
    assertThat(EtlConfig.DEFAULT_MAX_LINE_BYTES).isEqualTo(1 << 20);
    assertThat(EtlConfig.DEFAULT_LOOKBACK_TEXT).isEqualTo("3h");
    assertThat(EtlConfig.DEFAULT_LOOKBACK).isEqualTo(Duration.ofHours(3));
    assertThat(EtlConfig.DEFAULT_STATE_FOLDER).isEqualTo("_loglake_state");
    assertThat(EtlConfig.DEFAULT_SNAPSHOT_RETENTION_TEXT).isEqualTo("5d");
    assertThat(EtlConfig.DEFAULT_SNAPSHOT_RETENTION).isEqualTo(Duration.ofDays(5));
    assertThat(EtlConfig.DEFAULT_ORPHAN_RETENTION_TEXT).isEqualTo("3d");
    assertThat(EtlConfig.DEFAULT_ORPHAN_RETENTION).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void everySettingReachesItsField() {
    EventTimeRange range = EventTimeRange.parse("1990-01-01/2000-01-01");
    EtlConfig config =
        EtlConfig.builder()
            .table(TableName.parse("db.raw"))
            .curatedPath("/data/c")
            .quarantinePath("/elsewhere/q")
            .levels(Set.of("INFO"))
            .reportPath("/tmp/report.json")
            .targetFileBytes(5L << 20)
            .curatedTable(TableName.parse("db.curated"))
            .eventTimeRange(range)
            .maxLineBytes(4096)
            .dedupeWindow(java.time.Duration.ofMinutes(90))
            .build();
    EtlConfig incremental =
        minimal().incremental(true).statePath("/s").lookback(Duration.ofHours(7)).build();

    assertThat(config.rawPath()).isNull();
    assertThat(config.table()).isEqualTo(new TableName("db", "raw"));
    assertThat(config.source()).isEqualTo("db.raw");
    assertThat(config.curatedPath()).isEqualTo("/data/c");
    assertThat(config.quarantinePath()).isEqualTo("/elsewhere/q");
    assertThat(config.levels()).containsExactly("INFO");
    assertThat(config.reportPath()).isEqualTo("/tmp/report.json");
    assertThat(config.targetFileBytes()).isEqualTo(5L << 20);
    assertThat(config.curatedTable()).isEqualTo(new TableName("db", "curated"));
    assertThat(config.eventTimeRange()).isEqualTo(range);
    assertThat(config.maxLineBytes()).isEqualTo(4096);
    assertThat(config.dedupeWindow()).isEqualTo(java.time.Duration.ofMinutes(90));
    assertThatThrownBy(() -> minimal().dedupeWindow(java.time.Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dedupe window");
    assertThatThrownBy(() -> minimal().dedupeWindow(java.time.Duration.ofDays(31)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 30 days");
    assertThat(minimal().dedupeWindow(EtlConfig.MAX_DEDUPE_WINDOW).build().dedupeWindow())
        .isEqualTo(java.time.Duration.ofDays(30));
    assertThat(minimal().noRegister().build().curatedTable()).isNull();
    assertThat(incremental.incremental()).isTrue();
    assertThat(incremental.statePath()).isEqualTo("/s");
    assertThat(incremental.lookback()).isEqualTo(Duration.ofHours(7));
    EtlConfig compaction =
        minimal()
            .compact(false)
            .snapshotRetention(Duration.ofHours(2))
            .retainLastSnapshots(4)
            .orphanRetention(Duration.ofHours(5))
            .build();
    assertThat(compaction.compact()).isFalse();
    assertThat(compaction.compaction().snapshotRetention()).isEqualTo(Duration.ofHours(2));
    assertThat(compaction.compaction().retainLastSnapshots()).isEqualTo(4);
    assertThat(compaction.compaction().orphanRetention()).isEqualTo(Duration.ofHours(5));
    assertThatThrownBy(() -> minimal().orphanRetention(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orphan file retention");
  }

  @Test
  void theQuarantineDefaultsToAFolderBesideCurated() {
    assertThat(EtlConfig.defaultQuarantinePath("s3://b/curated/")).isEqualTo("s3://b/_quarantine");
    assertThat(EtlConfig.defaultQuarantinePath("s3a://b/zones/curated"))
        .isEqualTo("s3a://b/zones/_quarantine");
    assertThat(EtlConfig.defaultQuarantinePath("data/curated")).isEqualTo("data/_quarantine");
    assertThat(EtlConfig.defaultQuarantinePath("/data/curated//")).isEqualTo("/data/_quarantine");
    assertThat(EtlConfig.defaultQuarantinePath("curated")).isEqualTo("_quarantine");
    assertThat(EtlConfig.defaultQuarantinePath("s3://b")).isEqualTo("s3://b/_quarantine");
    assertThat(EtlConfig.defaultStatePath("s3://b/curated/")).isEqualTo("s3://b/_loglake_state");
    assertThat(EtlConfig.defaultStatePath("s3://b")).isEqualTo("s3://b/_loglake_state");
    assertThat(minimal().quarantinePath(" ").build().quarantinePath())
        .isEqualTo("s3a://bucket/_quarantine");
  }

  @Test
  void refusesWhatNoRunCanDo() {
    assertThatThrownBy(() -> EtlConfig.builder().curatedPath("c").build())
        .hasMessageContaining("exactly one of a raw path and a table");
    assertThatThrownBy(() -> minimal().table(TableName.parse("db.t")).build())
        .hasMessageContaining("exactly one of a raw path and a table");
    assertThatThrownBy(() -> minimal().curatedPath(" ").build())
        .hasMessageContaining("a curated path is required");
    assertThatThrownBy(() -> minimal().levels(Set.of()).build())
        .hasMessageContaining("at least one level");
    assertThatThrownBy(() -> minimal().levels(Set.of("EROR")).build())
        .hasMessageContaining("'EROR' is not a level");
    assertThatThrownBy(() -> minimal().targetFileBytes((1 << 20) - 1).build())
        .hasMessageContaining("at least 1 MiB");
    assertThatThrownBy(() -> minimal().maxLineBytes(1023).build())
        .hasMessageContaining("between 1k and 1g");
    assertThatThrownBy(() -> minimal().maxLineBytes((1 << 30) + 1).build())
        .hasMessageContaining("between 1k and 1g");
    assertThatThrownBy(() -> minimal().eventTimeRange(null).build())
        .hasMessageContaining("event-time range");
    assertThatThrownBy(() -> minimal().curatedTable(null)).hasMessageContaining("noRegister()");
    assertThatThrownBy(
            () ->
                EtlConfig.builder()
                    .table(TableName.parse("db.t"))
                    .curatedPath("c")
                    .incremental(true)
                    .build())
        .hasMessageContaining("incremental run reads a raw path");
    assertThatThrownBy(() -> minimal().lookback(Duration.ofHours(-1)).build())
        .hasMessageContaining("lookback must be 0 or more");
    assertThatThrownBy(() -> minimal().format(TableFormat.ICEBERG).noRegister().build())
        .hasMessageContaining("an Iceberg table is its catalog entry");
    assertThatThrownBy(() -> minimal().format(null).build())
        .hasMessageContaining("a table format is required");
    assertThat(minimal().targetFileBytes(1 << 20).maxLineBytes(1 << 10).build().maxLineBytes())
        .isEqualTo(1024);
  }
}
