package io.loglake.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.job.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAG in jobs/airflow: every Python file compiles ({@code python3 -m py_compile}, as CI
 * checks it; Airflow itself is not installed here), and its data-quality check reads the run report
 * loglake writes, with the same field names. Fails, never skips, when python3 is missing.
 */
class AirflowDagTest {
  private static final Path AIRFLOW = Path.of("jobs", "airflow");

  @TempDir Path dir;

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result python(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    // Compiled files go to the temporary folder, not into jobs/airflow/__pycache__.
    builder.environment().put("PYTHONPYCACHEPREFIX", dir.resolve("pycache").toString());
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException(
          "Cannot run python3 ("
              + e.getMessage()
              + "): install it, e.g. apt-get install -y"
              + " python3-minimal, as .ci/run does",
          e);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<Path> pythonFiles() throws IOException {
    try (Stream<Path> files = Files.walk(AIRFLOW)) {
      return files.filter(p -> p.toString().endsWith(".py")).sorted().toList();
    }
  }

  @Test
  void everyPythonFileUnderJobsAirflowCompiles() throws Exception {
    List<Path> files = pythonFiles();
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains("loglake_hourly.py", "loglake_quality.py");
    for (Path file : files) {
      Result result = python("-m", "py_compile", file.toString());
      assertThat(result.exitCode()).as(file + ": " + result.stderr()).isZero();
    }
  }

  @Test
  void theCompileCheckSeesASyntaxError() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.py"), "def f(:\n    pass\n");
    Result result = python("-m", "py_compile", broken.toString());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("SyntaxError");
  }

  /** A report as loglake writes it: {@code read} = the other four counts. */
  private Path report(long read, long written, long quarantined, long filtered, long duplicates)
      throws IOException {
    RunReport report =
        new RunReport(
            "20261201T100000Z-abcd1234",
            "2026-12-01T10:00:00Z",
            "s3://bucket/raw/",
            "s3://bucket/curated/",
            quarantined > 0 ? "s3://bucket/quarantine/run" : null,
            List.of("ERROR", "WARN"),
            3,
            read,
            written,
            quarantined,
            quarantined > 0 ? Map.of("not_json", quarantined) : Map.of(),
            filtered,
            duplicates,
            List.of("dt=2026-12-01/hr=9"),
            List.of(),
            List.of(),
            1234,
            null,
            null,
            null);
    return Files.writeString(dir.resolve("report.json"), report.toJson());
  }

  private Result check(Path report) throws Exception {
    return python(AIRFLOW.resolve("loglake_quality.py").toString(), report.toString(), "0.05");
  }

  @Test
  void theQualityCheckPassesALowQuarantineRateOfARealReport() throws Exception {
    Result result = check(report(100, 80, 1, 15, 4));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("quarantine rate 1.00% of 100 records");
  }

  @Test
  void theQualityCheckFailsAQuarantineRateAboveTheLimit() throws Exception {
    Result result = check(report(100, 80, 10, 10, 0));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("quarantine rate 10.00% (10 of 100 records) is above the limit 5.00%")
        .contains("s3://bucket/quarantine/run");
  }

  @Test
  void theQualityCheckFailsCountsThatDoNotAddUpAndPassesAQuietHour() throws Exception {
    Result wrong = check(report(100, 80, 1, 1, 1));
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.stderr()).contains("the counts do not add up: records_read 100");
    Result quiet = check(report(0, 0, 0, 0, 0));
    assertThat(quiet.exitCode()).as(quiet.stderr()).isZero();
    assertThat(quiet.stdout()).contains("the run read no record");
  }
}
