package io.loglake.quality;

import static io.loglake.testing.CuratedFixtures.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.catalog.TableName;
import io.loglake.config.QualityConfig;
import io.loglake.config.TableFormat;
import io.loglake.quality.QualityRules.RunCounts;
import io.loglake.schema.CuratedPartition;
import io.loglake.testing.CuratedFixtures;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a check reads, in both formats: Parquet by location (only the folders of the hours asked
 * for), Iceberg through the catalog; and the newest hour that is over.
 */
@ExtendWith(SparkTestSession.class)
class CuratedHoursTest {
  private static final LocalDate DAY = LocalDate.parse("2026-12-01");

  @TempDir Path dir;

  /** Hours 0-2 of the day before and of the day: 120 rows each, hour 1 of the day 40 only. */
  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int hr = 0; hr < 3; hr++) {
      rows.addAll(hour(DAY.minusDays(1), hr, 120, "auth"));
      rows.addAll(hour(DAY, hr, hr == 1 ? 40 : 120, "auth"));
    }
    return rows;
  }

  private static final List<CuratedPartition> CHECKED =
      List.of(new CuratedPartition(DAY, 0), new CuratedPartition(DAY, 1));

  @Test
  void parquetIsReadByLocationOnlyInTheFoldersOfTheHoursAskedFor(SparkSession spark) {
    Path curated = dir.resolve("curated");
    CuratedFixtures.frame(spark, rows())
        .write()
        .partitionBy("dt", "hr")
        .parquet(curated.toString());
    CuratedHours table = new CuratedHours(spark, TableFormat.PARQUET, curated.toString(), null);

    assertThat(table.exists()).isTrue();
    assertThat(table.rows(QualityCheck.withDayBefore(CHECKED)).inputFiles())
        .allMatch(f -> f.contains("/hr=0/") || f.contains("/hr=1/"))
        .isNotEmpty();
    assertThat(table.rows(List.of(new CuratedPartition(DAY, 5))).count()).isZero();
    assertThat(table.newestCompleteHour(Instant.parse("2026-12-01T02:30:00Z")))
        .contains(new CuratedPartition(DAY, 1));
    assertThat(table.newestCompleteHour(Instant.parse("2026-12-05T00:00:00Z")))
        .contains(new CuratedPartition(DAY, 2));
    assertThat(table.newestCompleteHour(Instant.parse("2026-11-30T00:00:00Z"))).isEmpty();
    QualityReport report =
        QualityCheck.check(
            table.rows(QualityCheck.withDayBefore(CHECKED)),
            CHECKED,
            new RunCounts("r", 1, 0),
            null,
            null,
            QualityConfig.DEFAULT);
    assertThat(report.failedRules()).containsExactly("volume");
    assertThat(report.rules().get(3).hours()).containsExactly("dt=2026-12-01/hr=1");
    assertThat(
            new CuratedHours(spark, TableFormat.PARQUET, dir.resolve("no").toString(), null)
                .exists())
        .isFalse();
  }

  @Test
  void icebergIsReadThroughTheCatalog(SparkSession spark) throws Exception {
    TableName name =
        new TableName("loglake_quality_test", "t_" + UUID.randomUUID().toString().substring(0, 8));
    spark.sql("CREATE DATABASE IF NOT EXISTS " + name.database());
    try {
      CuratedFixtures.frame(spark, rows()).createOrReplaceTempView("quality_rows");
      spark.sql(
          "CREATE TABLE "
              + name.quoted()
              + " USING iceberg PARTITIONED BY (dt, hr) AS SELECT * FROM quality_rows");
      CuratedHours table = new CuratedHours(spark, TableFormat.ICEBERG, null, name);

      assertThat(table.exists()).isTrue();
      assertThat(table.newestCompleteHour(Instant.parse("2026-12-01T02:30:00Z")))
          .contains(new CuratedPartition(DAY, 1));
      QualityReport report =
          QualityCheck.check(
              table.rows(QualityCheck.withDayBefore(CHECKED)),
              CHECKED,
              new RunCounts("r", 1, 0),
              null,
              null,
              QualityConfig.DEFAULT);
      assertThat(report.failedRules()).containsExactly("volume");
      assertThat(report.rules().get(1).detail()).contains("0 of 160 rows");
      // Rows appended through another session (as a Kafka micro-batch writes) are seen.
      SparkSession other = spark.newSession();
      CuratedFixtures.frame(other, hour(DAY, 1, 80, null)).writeTo(name.quoted()).append();
      QualityReport after =
          QualityCheck.check(
              table.rows(QualityCheck.withDayBefore(CHECKED)),
              CHECKED,
              new RunCounts("r", 1, 0),
              null,
              null,
              QualityConfig.DEFAULT);
      assertThat(after.rules().get(1).detail()).contains("80 of 240 rows");
    } finally {
      spark.sql("DROP TABLE IF EXISTS " + name.quoted());
    }
    assertThat(new CuratedHours(spark, TableFormat.ICEBERG, null, name).exists()).isFalse();
  }
}
