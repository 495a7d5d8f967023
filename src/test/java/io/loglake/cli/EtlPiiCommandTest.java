package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.CapturedOutput;
import io.loglake.testing.LogFixtures;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etl}/{@code stream} with hashing asked for and no key: exit 1 with "Cannot read the hash
 * key" and what to do, and nothing written (no curated, quarantine or state folder); and the Glue
 * entry point passes the PII options on.
 */
@ExtendWith(SparkTestSession.class)
class EtlPiiCommandTest {
  /** A variable no environment of these tests sets. */
  private static final String UNSET = "LOGLAKE_TEST_UNSET_HASH_KEY_7f3a";

  @RegisterExtension final CapturedOutput output = new CapturedOutput();
  @TempDir Path dir;

  private Path raw() {
    Path raw = dir.resolve("raw");
    LogFixtures.gzipFile(
        raw.resolve("2025/11/09/10/a.gz"),
        LogFixtures.error("2025-11-09T10:00:00Z", "a"),
        "not json");
    return raw;
  }

  private void assertNothingWritten() {
    assertThat(dir.resolve("curated")).doesNotExist();
    assertThat(dir.resolve("_quarantine")).doesNotExist();
    assertThat(dir.resolve("_loglake_state")).doesNotExist();
  }

  @Test
  void etlWithoutTheKeyExitsOneAndWritesNothing() {
    assertThat(System.getenv(UNSET)).isNull();
    int exit =
        Main.execute(
            "etl",
            "--raw",
            raw().toString(),
            "--curated",
            dir.resolve("curated").toString(),
            "--no-register",
            "--hash-user-id",
            "--hash-key-env",
            UNSET);

    assertThat(exit).isEqualTo(1);
    assertThat(output.stderr())
        .contains(
            "loglake: Cannot read the hash key: environment variable " + UNSET + " is not set")
        .contains("what to do: export " + UNSET + "=")
        .contains("nothing was written");
    assertNothingWritten();
  }

  @Test
  void streamWithoutTheKeyExitsOneAndWritesNothing() {
    int exit =
        Main.execute(
            "stream",
            "--once",
            "--raw",
            raw().toString(),
            "--curated",
            dir.resolve("curated").toString(),
            "--no-register",
            "--mask-ip",
            "hash",
            "--hash-key-env",
            UNSET);

    assertThat(exit).isEqualTo(1);
    assertThat(output.stderr())
        .contains("loglake: Cannot read the hash key: environment variable " + UNSET);
    assertNothingWritten();
  }

  @Test
  void theGlueEntryPointPassesThePiiOptionsOn() {
    List<String> etl =
        GlueEntryPoint.toEtlArguments(
            new String[] {
              "--raw", "s3://b/raw/",
              "--curated", "s3://b/curated/",
              "--mask-ip", "truncate",
              "--hash-user-id", "true",
              "--hash-key-secret", "loglake/hash-key",
              "--JOB_NAME", "loglake-etl"
            });

    assertThat(etl)
        .containsExactly(
            "etl",
            "--raw",
            "s3://b/raw/",
            "--curated",
            "s3://b/curated/",
            "--mask-ip",
            "truncate",
            "--hash-user-id",
            "--hash-key-secret",
            "loglake/hash-key");
    assertThat(Files.exists(dir.resolve("curated"))).isFalse();
  }
}
