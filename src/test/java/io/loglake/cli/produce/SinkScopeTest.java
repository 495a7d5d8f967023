package io.loglake.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.cli.Main;
import io.loglake.testing.CapturedOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every produce option that only some sinks read, given with each sink that does not read it: a
 * usage error naming the option's group and the sinks that read it. The table is the README's
 * "Sinks" list, written out here, not read from {@link SinkKind}.
 */
class SinkScopeTest {
  private static final List<String> SINKS = List.of("firehose", "kafka", "s3", "local", "stdout");

  /**
   * An option as given, the sinks that read it, and what any other sink says: "Cannot use {@code
   * group} with --sink NAME: {@code reason}".
   */
  private record Scoped(List<String> option, Set<String> readers, String group, String reason) {}

  private static final String S3_GROUP = "--bucket, --prefix or --path-style";
  private static final String KAFKA_GROUP = "--bootstrap-servers or --topic";
  private static final String AWS_GROUP = "--region or --endpoint-url";
  private static final String BUFFER_GROUP = "--buffer-size or --buffer-interval";

  private static final List<Scoped> TABLE =
      List.of(
          new Scoped(
              List.of("--out", "raw"),
              Set.of("local"),
              "--out",
              "folder options apply to --sink local only"),
          new Scoped(
              List.of("--stream", "s"),
              Set.of("firehose", "s3", "local"),
              "--stream",
              "it applies to --sink firehose, s3 and local only"),
          new Scoped(
              List.of("--region", "eu-west-1"),
              Set.of("firehose", "s3"),
              AWS_GROUP,
              "they apply to --sink firehose and s3 only"),
          new Scoped(
              List.of("--endpoint-url", "http://127.0.0.1:9"),
              Set.of("firehose", "s3"),
              AWS_GROUP,
              "they apply to --sink firehose and s3 only"),
          new Scoped(
              List.of("--bucket", "b"), Set.of("s3"), S3_GROUP, "they apply to --sink s3 only"),
          new Scoped(
              List.of("--prefix", "raw/"), Set.of("s3"), S3_GROUP, "they apply to --sink s3 only"),
          new Scoped(
              List.of("--no-path-style"), Set.of("s3"), S3_GROUP, "they apply to --sink s3 only"),
          new Scoped(
              List.of("--bootstrap-servers", "127.0.0.1:9"),
              Set.of("kafka"),
              KAFKA_GROUP,
              "they apply to --sink kafka only"),
          new Scoped(
              List.of("--topic", "t"),
              Set.of("kafka"),
              KAFKA_GROUP,
              "they apply to --sink kafka only"),
          new Scoped(
              List.of("--dead-letter", "dead.ndjson"),
              Set.of("firehose", "kafka", "s3"),
              "--dead-letter",
              "only --sink firehose, kafka and s3 dead-letter records"),
          new Scoped(
              List.of("--buffer-size", "1000"),
              Set.of("s3", "local"),
              BUFFER_GROUP,
              "they apply to --sink s3 and local only"),
          new Scoped(
              List.of("--buffer-interval", "5"),
              Set.of("s3", "local"),
              BUFFER_GROUP,
              "they apply to --sink s3 and local only"),
          new Scoped(
              List.of("--linger", "1s"),
              Set.of("firehose"),
              "--linger",
              "it applies to --sink firehose only (Kafka lingers 20 ms; the raw-zone"
                  + " sinks use --buffer-interval)"));

  @TempDir Path temp;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @Test
  void anOptionOfAnotherSinkIsAUsageErrorNamingItsGroupAndItsSinks() {
    int checked = 0;
    for (Scoped scoped : TABLE) {
      for (String sink : SINKS) {
        if (scoped.readers().contains(sink)) {
          continue;
        }
        List<String> args = new ArrayList<>(List.of("produce", "--sink", sink, "--records", "1"));
        args.addAll(scoped.option());
        output.reset();

        int exit = Main.execute(args.toArray(String[]::new));

        String expected =
            "loglake: Cannot use "
                + scoped.group()
                + " with --sink "
                + sink
                + ": "
                + scoped.reason();
        assertThat(exit).as("exit of %s: %s", args, output.stderr()).isEqualTo(Main.EXIT_USAGE);
        assertThat(output.stderr())
            .as("%s", args)
            .startsWith(expected + System.lineSeparator())
            .contains("Usage: loglake produce");
        checked++;
      }
    }
    // 13 options times 5 sinks, less the 21 pairs where the sink reads the option.
    assertThat(checked).isEqualTo(44);
  }

  @Test
  void theFirstRuleBrokenIsReportedBeforeAnythingIsWritten() {
    Path out = temp.resolve("raw");

    int exit =
        Main.execute(
            "produce",
            "--sink",
            "local",
            "--out",
            out.toString(),
            "--records",
            "1",
            "--topic",
            "t");

    assertThat(exit).isEqualTo(Main.EXIT_USAGE);
    assertThat(output.stderr())
        .startsWith("loglake: Cannot use " + KAFKA_GROUP + " with --sink local: ");
    assertThat(out).doesNotExist();
  }
}
