package io.loglake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void byDefaultBothKindsOfRecordsAt6mThreeRounds() {
    BenchOptions options = BenchOptions.parse(new String[0]);
    assertThat(options.rounds()).isEqualTo(3);
    assertThat(options.data())
        .containsExactly(
            new BenchData(Scale.SIX_MILLION, Dataset.EVENT_ID, 6_000_000),
            new BenchData(Scale.SIX_MILLION, Dataset.NO_EVENT_ID, 6_000_000));
    // The data set with event_id keeps the folder earlier benchmarks generated.
    assertThat(options.data()).extracting(BenchData::id).containsExactly("6m", "6m-no-event-id");
  }

  @Test
  void datasetAndRecordsChooseWhatIsGenerated() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {"--dataset", "no-event-id", "--records", "20000", "--scale", "all"});
    assertThat(options.data())
        .extracting(BenchData::id)
        .containsExactly("6m-r20000-no-event-id", "30m-r20000-no-event-id");
    assertThat(BenchOptions.parse(new String[] {"--dataset", "event-id"}).datasets())
        .containsExactly(Dataset.EVENT_ID);
  }

  @Test
  void theProduceArgumentsOfADataSetAndOfItsNewHour() {
    BenchData data = new BenchData(Scale.SIX_MILLION, Dataset.NO_EVENT_ID, 24_000);
    assertThat(data.produceArguments("out"))
        .containsExactly(
            "produce",
            "--sink",
            "local",
            "--out",
            "out",
            "--records",
            "24000",
            "--span",
            "24h",
            "--start",
            "2025-11-09T00:00:00Z",
            "--seed",
            "1",
            "--no-event-id");
    assertThat(data.newHourArguments("hour"))
        .containsExactly(
            "produce",
            "--sink",
            "local",
            "--out",
            "hour",
            "--records",
            "1000",
            "--span",
            "1h",
            "--start",
            "2025-11-10T00:00:00Z",
            "--seed",
            "2",
            "--no-event-id");
    assertThat(
            new BenchData(Scale.THIRTY_MILLION, Dataset.EVENT_ID, 30_000_000).newHourArguments("h"))
        .contains("2025-11-14T00:00:00Z", "250000")
        .doesNotContain("--no-event-id");
  }

  @Test
  void badValuesAreRejectedWithTheOption() {
    for (List<String> args :
        List.of(
            List.of("--dataset", "some"),
            List.of("--records", "0"),
            List.of("--rounds", "x"),
            List.of("--records"),
            List.of("--colour", "red"))) {
      assertThatThrownBy(() -> BenchOptions.parse(args.toArray(String[]::new)))
          .as(args.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(args.get(0));
    }
  }
}
