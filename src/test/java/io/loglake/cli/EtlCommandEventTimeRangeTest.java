package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.config.EtlConfig;
import io.loglake.config.EventTimeRange;
import io.loglake.config.LoglakeHome;
import io.loglake.testing.CapturedOutput;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code loglake etl --event-time-range}: parsed into the config, bad values are usage errors. */
class EtlCommandEventTimeRangeTest {
  @TempDir Path dir;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  private EtlConfig config(String... args) {
    EtlCommand command = new EtlCommand();
    new CommandLine(command).parseArgs(args);
    return command.config(new LoglakeHome(dir));
  }

  private static long micros(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  @Test
  void defaultsTo2000Until2100() {
    EventTimeRange range = config().eventTimeRange();
    assertThat(range.fromMicros()).isEqualTo(micros("2000-01-01T00:00:00Z"));
    assertThat(range.toMicros()).isEqualTo(micros("2100-01-01T00:00:00Z"));
  }

  @Test
  void takesDatesAndInstantsWithAnOffset() {
    EventTimeRange range =
        config("--event-time-range", "1990-06-01/2030-01-01T01:30+01:00").eventTimeRange();
    assertThat(range.fromMicros()).isEqualTo(micros("1990-06-01T00:00:00Z"));
    assertThat(range.toMicros()).isEqualTo(micros("2030-01-01T00:30:00Z"));
  }

  @Test
  void badRangesAreUsageErrorsNamingTheOption() {
    for (String bad :
        new String[] {
          "2000-01-01",
          "2100-01-01/2000-01-01",
          "2000-01-01/2000-01-01",
          "yesterday/today",
          "2000-01-01T00:00/2100-01-01T00:00",
          "0000-06-01/2000-01-01",
          "2000-01-01/+10000-01-02T00:00Z"
        }) {
      assertThatThrownBy(() -> config("--event-time-range", bad))
          .as(bad)
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageStartingWith("Invalid --event-time-range: '" + bad + "'");
    }
  }

  @Test
  void theCommandExitsTwoWithTheSyntax() {
    int exit = Main.execute(new String[] {"etl", "--event-time-range", "2000"});
    assertThat(exit).isEqualTo(2);
    assertThat(output.stderr())
        .contains(
            "Invalid --event-time-range: '2000' is not FROM/TO (example: 2000-01-01T00:00Z/2100-01-01T00:00Z)")
        .contains("Usage: loglake etl");
  }
}
