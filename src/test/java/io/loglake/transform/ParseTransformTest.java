package io.loglake.transform;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.info;
import static io.loglake.testing.LogFixtures.lines;
import static io.loglake.testing.LogFixtures.warn;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.SparkTestSession;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class ParseTransformTest {
  @Test
  void tagsEveryObjectWithItsOutcome(SparkSession spark) {
    Dataset<Row> parsed =
        ParseTransform.apply(
            lines(
                spark,
                error("2025-11-09T10:00:00Z", "a"),
                warn("2025-11-09T10:00:00Z", "b") + info("2025-11-09T10:00:01Z", "c"),
                "not json",
                "\uFEFF" + warn("2025-11-09T23:30:00-02:00", "d")),
            Set.of("WARN", "ERROR"));

    List<String> outcomes =
        parsed
            .where("outcome <> 'stats'")
            .select(ParseTransform.OUTCOME)
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    Row counts =
        parsed
            .where("outcome = 'stats'")
            .selectExpr("sum(read_count)", "sum(filtered_count)")
            .first();

    assertThat(outcomes).containsExactly("curated", "curated", "quarantined", "curated");
    assertThat(counts.getLong(0)).as("objects read").isEqualTo(5);
    assertThat(counts.getLong(1)).as("filtered out").isEqualTo(1);
  }

  @Test
  void carriesTheSourceFileAndReasonOfQuarantinedRecords(SparkSession spark) {
    Row row =
        ParseTransform.apply(lines(spark, "{\"level\":\"ERROR\"}"), Set.of("ERROR"))
            .select(ParseTransform.REASON, ParseTransform.RAW, ParseTransform.SOURCE_FILE)
            .first();

    assertThat(row.getString(0)).isEqualTo("missing_timestamp");
    assertThat(row.getString(1)).isEqualTo("{\"level\":\"ERROR\"}");
    assertThat(row.getString(2)).endsWith(".gz");
  }

  @Test
  void computesUtcDayAndHourEvenWhenAnOffsetMovesTheRecordToAnotherDay(SparkSession spark) {
    Row row =
        CurateTransform.toCuratedSchema(
                CurateTransform.keepCurated(
                    ParseTransform.apply(
                        lines(spark, error("2025-11-09T22:30:00-03:00", "a")), Set.of("ERROR"))))
            .selectExpr("cast(dt as string)", "hr", "cast(ts as string)", "timestamp")
            .first();

    assertThat(row.getString(0)).isEqualTo("2025-11-10");
    assertThat(row.getInt(1)).isEqualTo(1);
    assertThat(row.getString(2)).isEqualTo("2025-11-10 01:30:00");
    assertThat(row.getString(3)).isEqualTo("2025-11-09T22:30:00-03:00");
  }

  @Test
  void passesReadErrorsThroughAsUnreadable(SparkSession spark) {
    Dataset<Row> input =
        spark.createDataFrame(
            List.of(RowFactory.create("file:/x.gz", null, "cannot open: not gzip")),
            ParseTransform.LINES);
    Row row = ParseTransform.apply(input, Set.of("ERROR")).first();

    assertThat(row.getString(row.fieldIndex(ParseTransform.OUTCOME))).isEqualTo("unreadable");
    assertThat(row.getString(row.fieldIndex(ParseTransform.REASON)))
        .isEqualTo("cannot open: not gzip");
  }
}
