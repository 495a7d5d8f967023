package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestSession.class)
class EtlCommandTest {
  @TempDir Path dir;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  /** Runs the CLI in this JVM: its exit code and what it printed to stderr in that run. */
  private record Result(int exitCode, String err) {}

  private Result run(String... args) {
    output.reset();
    return new Result(Main.execute(args), output.stderr());
  }

  @Test
  void bothRawAndTableIsAUsageError() {
    Result result = run("etl", "--raw", "x", "--table", "db.t");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("either --raw or --table").contains("Usage: loglake etl");
  }

  @Test
  void badValuesAreUsageErrorsNamingTheOption() {
    assertThat(run("etl", "--levels", " , ").err()).contains("Invalid --levels");
    assertThat(run("etl", "--levels", " , ").exitCode()).isEqualTo(2);
    assertThat(run("etl", "--target-file-size", "big").err())
        .contains("Invalid --target-file-size");
    assertThat(run("etl", "--table", "no_dot").exitCode()).isEqualTo(2);
    assertThat(run("etl", "--no-such-flag").exitCode()).isEqualTo(2);
    assertThat(run("frobnicate").exitCode()).isEqualTo(2);
  }

  @Test
  void anUnknownLevelIsAUsageErrorNamingItAndTheKnownOnes() {
    Result typo = run("etl", "--levels", "WARN,EROR");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err())
        .contains("Invalid --levels: 'EROR' is not a level")
        .contains("ERROR")
        .contains("Usage: loglake etl");
  }

  @Test
  void aMissingRawZoneFailsWithWhatToDo(SparkSession spark) {
    Result result =
        run(
            "etl",
            "--raw",
            dir.resolve("nowhere").toString(),
            "--curated",
            dir.resolve("c").toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("Cannot read raw logs:")
        .contains("does not exist")
        .contains("what to do:");
  }

  @Test
  void aMissingTableFailsWithWhatToDo(SparkSession spark) {
    Result result =
        run("etl", "--table", "no_db.no_table", "--curated", dir.resolve("c").toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("Cannot read table no_db.no_table").contains("--raw");
  }
}
