package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.config.LoglakeHome;
import io.loglake.testing.CapturedOutput;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code loglake etl --max-line-bytes}: parsed into the job's config, bad values are usage errors.
 */
class EtlLineLimitOptionTest {
  @RegisterExtension final CapturedOutput output = new CapturedOutput();
  @TempDir Path home;

  private int configuredLimit(String... args) {
    EtlCommand command = new EtlCommand();
    new CommandLine(command).parseArgs(args);
    return command.config(new LoglakeHome(home)).maxLineBytes();
  }

  @Test
  void defaultsToOneMebibyteAndTakesSizes() {
    assertThat(configuredLimit()).isEqualTo(1 << 20);
    assertThat(configuredLimit("--max-line-bytes", "64k")).isEqualTo(65_536);
    assertThat(configuredLimit("--max-line-bytes", "2000000")).isEqualTo(2_000_000);
  }

  @Test
  void aLimitOutOfRangeOrNotASizeIsAUsageError() {
    assertThat(Main.execute("etl", "--max-line-bytes", "100")).isEqualTo(Main.EXIT_USAGE);
    assertThat(output.stderr())
        .contains("Invalid --max-line-bytes: must be between 1k and 1g, got '100'")
        .contains("Usage: loglake etl");
    output.reset();
    assertThat(Main.execute("etl", "--max-line-bytes", "2g")).isEqualTo(Main.EXIT_USAGE);
    assertThat(Main.execute("etl", "--max-line-bytes", "long")).isEqualTo(Main.EXIT_USAGE);
    assertThat(output.stderr()).contains("Invalid --max-line-bytes: not a size: 'long'");
  }
}
