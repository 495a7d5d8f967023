package io.loglake.transform;

import static io.loglake.testing.LogFixtures.lines;
import static io.loglake.testing.LogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.schema.LogSchema;
import io.loglake.testing.SparkTestSession;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class CurateTransformTest {
  private static final String TS = "2025-11-09T10:00:00Z";

  private static Dataset<Row> curate(SparkSession spark, String... raw) {
    return CurateTransform.apply(ParseTransform.apply(lines(spark, raw), Set.of("WARN", "ERROR")));
  }

  @Test
  void writesExactDuplicatesOnce(SparkSession spark) {
    String same = record(TS, "ERROR", "payment-api", "Card declined", "u1", null);
    Dataset<Row> curated =
        curate(
            spark,
            same,
            same,
            same.replace("ERROR", "error"),
            record(TS, "ERROR", "payment-api", "Card declined", "u2", null));

    assertThat(curated.count()).isEqualTo(2);
  }

  @Test
  void treatsTheSameEventIdAsOneEventAndKeepsTheSameCopyOnEveryRun(SparkSession spark) {
    String first = record(TS, "ERROR", "payment-api", "Card declined", "u1", "id-1");
    String resent =
        record(
            "2025-11-09T10:00:05Z", "ERROR", "payment-api", "Card declined (retry)", "u1", "id-1");
    List<Row> once = curate(spark, first, resent, first).collectAsList();
    List<Row> reordered = curate(spark, resent, first).collectAsList();

    assertThat(once).hasSize(1);
    assertThat(reordered).isEqualTo(once);
  }

  @Test
  void shapesTheCuratedSchemaInTheSeedsColumnOrder(SparkSession spark) {
    Dataset<Row> curated = curate(spark, record(TS, "WARN", "auth-api"));

    assertThat(curated.schema()).isEqualTo(LogSchema.CURATED);
    assertThat(curated.columns())
        .startsWith("timestamp", "level", "service", "message", "user_id", "ip", "ts");
  }

  @Test
  void theKeyRecomputedFromCuratedColumnsIsTheParsedRecordsKey(SparkSession spark) {
    Dataset<Row> parsed =
        CurateTransform.keepCurated(
            ParseTransform.apply(
                lines(
                    spark,
                    record(TS, "warning", "a", "m", "u1", null),
                    record(TS, "ERROR", "a", "m;1:x", null, "  "),
                    record(TS, "ERROR", "a", "m", "u1", "id-1"),
                    "{\"timestamp\":\"2025-11-09 10:00:00+0100\",\"level\":\" Error \"}"),
                Set.of("WARN", "ERROR")));

    List<Row> keys =
        parsed
            .select(
                org.apache.spark.sql.functions.col(ParseTransform.DEDUPE_KEY),
                CurateTransform.curatedDedupeKey())
            .collectAsList();

    assertThat(keys).hasSize(4).allSatisfy(r -> assertThat(r.getString(1)).isEqualTo(r.get(0)));
  }

  @Test
  void rowsAlreadyHeldWithinTheWindowAreDroppedAndFartherCopiesKept(SparkSession spark) {
    String noId = record(TS, "WARN", "b", "no id", "u2", null);
    Dataset<Row> existing = curate(spark, record(TS, "ERROR", "a", "m", "u1", "id-1"), noId);
    Dataset<Row> rows =
        curate(
            spark,
            record("2025-11-10T09:00:00Z", "ERROR", "a", "other text", "u1", "id-1"),
            noId,
            record(TS, "ERROR", "a", "m", "u1", "id-2"));

    assertThat(eventIds(CurateTransform.withoutRowsIn(rows, existing, Duration.ofHours(24))))
        .containsExactly("id-2");
    assertThat(eventIds(CurateTransform.withoutRowsIn(rows, existing, Duration.ofHours(22))))
        .containsExactlyInAnyOrder("id-1", "id-2");
  }

  private static List<String> eventIds(Dataset<Row> rows) {
    return rows.select(LogSchema.EVENT_ID).collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }
}
