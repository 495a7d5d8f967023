package io.loglake.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/deploy.sh run by bash as a user runs it. {@code --dry-run} must print the whole
 * deployment and call nothing: {@code aws} and {@code mvn} on its PATH are stand-ins that record
 * being called.
 */
class DeployScriptTest {
  private static final Path SCRIPT = Path.of("scripts", "deploy.sh");

  @TempDir Path dir;
  private Path calls;

  private record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void standIns() throws IOException {
    calls = dir.resolve("calls.log");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("aws", "mvn")) {
      Path stub = bin.resolve(tool);
      Files.writeString(
          stub,
          "#!/bin/sh\n{ printf '%s' "
              + tool
              + "; for a in \"$@\"; do printf ' [%s]' \"$a\"; done; echo; } >> '"
              + calls
              + "'\nexit 97\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private Run deploy(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile());
    builder.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("deploy.sh did not end within 60 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
  }

  @Test
  void aDryRunPrintsEveryCallOfAFirstDeploymentInOrderAndCallsNothing() throws Exception {
    Run run =
        deploy(
            "--dry-run",
            "--bucket",
            "acme-logs",
            "--region",
            "eu-west-1",
            "--stack-name",
            "logs-prod",
            "--alarm-email",
            "ops@example.com",
            "--schedule",
            "cron(15 * * * ? *)",
            "--run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(calls).doesNotExist();
    String root = Path.of("").toAbsolutePath().toString();
    String deploy =
        "aws cloudformation deploy --region eu-west-1 --stack-name logs-prod --template-file "
            + root
            + "/jobs/cloudformation/loglake-stack.yaml --capabilities CAPABILITY_NAMED_IAM"
            + " --no-fail-on-empty-changeset --parameter-overrides BucketName=acme-logs"
            + " DeployGlueJob=%s AlarmEmail=ops@example.com 'Schedule=cron(15 * * * ? *)'";
    assertThat(calls(run.out()))
        .containsExactly(
            "aws cloudformation describe-stacks --region eu-west-1 --stack-name logs-prod",
            deploy.formatted("false"),
            "aws s3 cp "
                + root
                + "/target/loglake-glue.jar s3://acme-logs/jars/loglake-glue.jar --region eu-west-1",
            "aws s3 cp "
                + root
                + "/jobs/glue/LoglakeGlueJob.scala s3://acme-logs/scripts/LoglakeGlueJob.scala"
                + " --region eu-west-1",
            deploy.formatted("true"),
            "aws glue start-job-run --region eu-west-1 --job-name logs-prod-etl");
    assertThat(run.out()).contains("mvn -B -DskipTests package");
  }

  @Test
  void theDryRunsCallsRunAsPrintedInAShell() throws Exception {
    Run run =
        deploy(
            "--dry-run",
            "--bucket",
            "acme-logs",
            "--region",
            "us-east-1",
            "--alarm-email",
            "o'neil@example.com",
            "--schedule",
            "cron(0 * * * ? *)");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path script = dir.resolve("pasted.sh");
    Files.writeString(script, run.out());

    ProcessBuilder pasted =
        new ProcessBuilder("bash", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("pasted.out").toFile());
    pasted.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    assertThat(pasted.start().waitFor(60, TimeUnit.SECONDS)).isTrue();

    List<String> received = Files.readAllLines(calls, StandardCharsets.UTF_8);
    assertThat(received).hasSize(5).noneMatch(line -> line.contains("start-job-run"));
    assertThat(received.get(1))
        .startsWith("aws [cloudformation] [deploy] ")
        .endsWith(
            " [DeployGlueJob=false] [AlarmEmail=o'neil@example.com] [Schedule=cron(0 * * * ? *)]");
    assertThat(received.get(2))
        .isEqualTo(
            "aws [s3] [cp] ["
                + Path.of("").toAbsolutePath()
                + "/target/loglake-glue.jar] [s3://acme-logs/jars/loglake-glue.jar] [--region]"
                + " [us-east-1]");
  }

  @Test
  void badArgumentsExitTwoWithTheUsageAndCallNothing() throws Exception {
    List<List<String>> bad =
        List.of(
            List.of("--bucket", "acme-logs", "--region", "eu-west-1", "--bogus"),
            List.of("--region", "eu-west-1", "--dry-run"),
            List.of("--bucket", "acme-logs", "--dry-run"),
            List.of("--bucket", "Acme_Logs", "--region", "eu-west-1"),
            List.of("--bucket", "acme-logs", "--region", "Europe"),
            List.of("--bucket", "acme-logs", "--region", "--run"),
            List.of("--bucket", "acme-logs", "--region", "eu-west-1", "--schedule", "hourly"),
            List.of("--bucket", "acme-logs", "--region", "eu-west-1", "--alarm-email", "ops"),
            List.of("--bucket", "acme-logs", "--region", "eu-west-1", "--stack-name", "9lives"),
            List.of("--bucket"));
    for (List<String> args : bad) {
      Run run = deploy(args.toArray(String[]::new));
      assertThat(run.exitCode()).as("exit code of deploy.sh %s", args).isEqualTo(2);
      assertThat(run.err()).as("error of deploy.sh %s", args).contains("Usage: scripts/deploy.sh");
      assertThat(run.out()).as("output of deploy.sh %s", args).isEmpty();
    }
    assertThat(calls).doesNotExist();
  }

  @Test
  void aRealRunBuildsFirstAndAFailedBuildExitsOneBeforeAnyAwsCall() throws Exception {
    Run run = deploy("--bucket", "acme-logs", "--region", "eu-west-1", "--alarm-email", "a@b.io");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("Cannot deploy: the build failed")
        .contains("what to do: fix the error Maven printed above");
    assertThat(Files.readAllLines(calls, StandardCharsets.UTF_8))
        .containsExactly("mvn [-B] [-q] [-DskipTests] [package]");
  }

  /** The lines of a dry run that are calls, not comments. */
  private static List<String> calls(String out) {
    return out.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
  }
}
