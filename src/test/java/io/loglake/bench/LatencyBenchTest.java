package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyBenchTest {
  private static final String START =
      "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart";
  private static final String END =
      "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd";

  @Test
  void percentilesAreNearestRank() {
    // 1..100 ms: the p-th percentile by nearest rank is the value p itself.
    LatencyResult.Stats stats =
        LatencyResult.Stats.of(LongStream.rangeClosed(1, 100).boxed().toList());
    assertThat(stats).isEqualTo(new LatencyResult.Stats(100, 50L, 95L, 99L, 100L));
    assertThat(LatencyResult.Stats.of(List.of(7L)))
        .isEqualTo(new LatencyResult.Stats(1, 7L, 7L, 7L, 7L));
    assertThat(LatencyResult.Stats.of(List.of()).p95()).isNull();
  }

  @Test
  void scenariosAreKafkaWithBothFormatsThenRawWithParquet() {
    LatencyOptions options = LatencyOptions.parse(new String[] {"--quick", "--triggers", "10s,2s"});
    assertThat(options.scenarios().stream().map(LatencyOptions.Scenario::id))
        .containsExactly(
            "kafka-parquet-10s",
            "kafka-parquet-2s",
            "kafka-iceberg-10s",
            "kafka-iceberg-2s",
            "raw-parquet-10s",
            "raw-parquet-2s");
    assertThat(options.records()).isEqualTo(20_000);
    assertThat(LatencyOptions.parse(new String[0]).records()).isEqualTo(90_000);
    assertThatThrownBy(() -> LatencyOptions.parse(new String[] {"--triggers", "soon"}))
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> LatencyOptions.parse(new String[] {"--seconds", "5"}))
        .hasMessageContaining("--warm-up-seconds");
  }

  @Test
  void anActionIsNamedByItsLoglakeCallSiteOrElseByItsPlan() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(
            EventLogProfile.name(
                "org.apache.spark.sql.Dataset.head(Dataset.scala:3316)\n"
                    + "io.loglake.job.EtlMetrics.partitions(EtlMetrics.java:127)\n",
                json.missingNode()))
        .isEqualTo("head at EtlMetrics.java:127");
    String plan =
        "{\"nodeName\":\"Execute InsertIntoHadoopFsRelationCommand\",\"children\":[{\"nodeName\":"
            + "\"WriteFiles\",\"children\":[{\"nodeName\":\"BroadcastHashJoin\",\"children\":["
            + "{\"nodeName\":\"InMemoryTableScan\"},{\"nodeName\":\"Scan parquet \"}]}]}]}";
    assertThat(
            EventLogProfile.name(
                "org.apache.spark.sql.streaming.DataStreamWriter.start(DataStreamWriter.scala:251)\n"
                    + "io.loglake.job.StreamJob.runKafka(StreamJob.java:192)\n",
                json.readTree(plan)))
        .isEqualTo("Execute InsertIntoHadoopFsRelationCommand [cached, join, reads table]");
  }

  @Test
  void phasesSumTheOutermostActionsOfEachBatchAndTheTimeNoneCovers(@TempDir Path dir)
      throws Exception {
    String site = "x.Y.count(Y.java:1)\\nio.loglake.job.Z.run(Z.java:%d)";
    List<String> lines =
        List.of(
            // Before the batch: not counted.
            start(1, 1, 50, String.format(site, 9)),
            end(1, 120),
            start(2, 2, 100, String.format(site, 1)),
            end(2, 400),
            // Nested in 2: not counted again.
            start(3, 2, 150, String.format(site, 2)),
            end(3, 300),
            start(4, 4, 500, String.format(site, 1)),
            end(4, 600),
            "{\"Event\":\"SparkListenerJobStart\"}");
    Files.write(dir.resolve("local-1"), lines);
    List<EventLogProfile.Phase> phases =
        EventLogProfile.phases(dir, List.of(new LatencyRun.Batch("run", 100, 1000, 10)));
    assertThat(phases)
        .containsExactly(
            new EventLogProfile.Phase(EventLogProfile.OUTSIDE, 1, 600, 600),
            new EventLogProfile.Phase("count at Z.java:1", 1, 400, 400));
  }

  private static String start(long id, long root, long time, String details) {
    return String.format(
        "{\"Event\":\"%s\",\"executionId\":%d,\"rootExecutionId\":%d,\"time\":%d,\"details\":\"%s\"}",
        START, id, root, time, details);
  }

  private static String end(long id, long time) {
    return String.format("{\"Event\":\"%s\",\"executionId\":%d,\"time\":%d}", END, id, time);
  }
}
