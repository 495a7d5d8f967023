package io.loglake.cli;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.catalog.RawLogs;
import io.loglake.config.EtlConfig;
import io.loglake.config.LoglakeHome;
import io.loglake.config.TableFormat;
import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(SparkTestSession.class)
class DemoCommandTest {
  @TempDir Path dir;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  @AfterEach
  void dropTheDemoTable(SparkSession spark) {
    spark.sql("DROP TABLE IF EXISTS " + DemoCommand.DEMO_TABLE);
  }

  private String demo(SparkSession spark, LoglakeHome home) {
    return demo(spark, home, TableFormat.PARQUET);
  }

  private String demo(SparkSession spark, LoglakeHome home, TableFormat format) {
    StringWriter out = new StringWriter();
    int exit =
        DemoCommand.run(
            spark,
            home,
            3000,
            7,
            format,
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter()));
    assertThat(exit).isZero();
    return out.toString();
  }

  @Test
  void theUsersRawAndCuratedZonesSurviveDemoRuns(SparkSession spark) throws Exception {
    LoglakeHome home = new LoglakeHome(dir.resolve("home"));
    Path userRaw =
        gzipFile(
            home.raw().resolve("2025/11/09/10/user.gz"), error("2025-11-09T10:00:00Z", "mine"));
    Path userPartition =
        write(
            home.curated().resolve("dt=2025-11-09/hr=10/part-00000.snappy.parquet"),
            false,
            "the user's partition");
    Path userQuarantine =
        write(home.root().resolve("_quarantine/run_id=1/part-0.json"), false, "{}");

    String first = demo(spark, home);
    String second = demo(spark, home);

    assertThat(Files.readAllBytes(userRaw)).isNotEmpty();
    assertThat(Files.readString(userPartition)).isEqualTo("the user's partition");
    assertThat(userQuarantine).exists();
    assertThat(first).startsWith("service     | error_count").contains("(3 rows)");
    assertThat(second).isEqualTo(first);
    assertThat(spark.table(DemoCommand.DEMO_TABLE).inputFiles())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f).contains("/home/demo/curated/"));
    // The run report is kept for `dashboard --demo`: only the last run's (the demo clears its own).
    Path reports = DemoCommand.folder(home).resolve("_loglake_state/reports");
    try (var files = Files.list(reports)) {
      List<Path> kept = files.toList();
      assertThat(kept).hasSize(1);
      assertThat(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree(kept.get(0).toFile())
                  .path("records_written")
                  .asLong())
          .isEqualTo(spark.table(DemoCommand.DEMO_TABLE).count());
    }
  }

  /**
   * {@code --format iceberg}: the demo's table is an Iceberg table over the demo's folder (read
   * back through Iceberg's API), the sample query prints what the parquet demo prints for the same
   * sample, and a demo of either format replaces the other's table; the user's zones stay.
   */
  @Test
  void anIcebergDemoPrintsWhatTheParquetDemoPrintsAndEachReplacesTheOther(SparkSession spark)
      throws Exception {
    LoglakeHome home = new LoglakeHome(dir.resolve("home"));
    Path userPartition =
        write(
            home.curated().resolve("dt=2025-11-09/hr=10/part-00000.snappy.parquet"),
            false,
            "the user's partition");

    String parquet = demo(spark, home, TableFormat.PARQUET);
    String iceberg = demo(spark, home, TableFormat.ICEBERG);

    assertThat(iceberg).isEqualTo(parquet).contains("(3 rows)");
    Table table = Spark3Util.loadIcebergTable(spark, DemoCommand.DEMO_TABLE);
    assertThat(new org.apache.hadoop.fs.Path(table.location()).toUri().getPath())
        .isEqualTo(DemoCommand.folder(home).resolve("curated").toString());
    long rows = 0;
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record ignored : records) {
        rows++;
      }
    }
    long expected =
        RawLogs.read(DemoCommand.folder(home).resolve("raw")).stream()
            .filter(RawLogs.Raw::warnOrError)
            .count();
    assertThat(rows).isEqualTo(expected).isPositive();
    assertThat(table.snapshots()).hasSize(1);

    assertThat(demo(spark, home, TableFormat.PARQUET)).isEqualTo(parquet);
    assertThat(DemoCommand.folder(home).resolve("curated/metadata")).doesNotExist();
    assertThat(Files.readString(userPartition)).isEqualTo("the user's partition");
  }

  @Test
  void aBadFormatIsAUsageErrorAndTheDefaultIsEtlsDefault() {
    CommandLine demo = new CommandLine(new DemoCommand());
    demo.parseArgs();
    assertThat(((DemoCommand) demo.getCommand()).format).isEqualTo(EtlConfig.DEFAULT_FORMAT_TEXT);
    assertThat(Main.execute("demo", "--format", "orc")).isEqualTo(2);
    assertThat(output.stderr()).contains("Invalid --format").contains("Usage: loglake demo");
  }

  @Test
  void aDemoFolderTheDemoDidNotMakeIsRefusedAndLeftAlone(SparkSession spark) {
    LoglakeHome home = new LoglakeHome(dir.resolve("home"));
    Path mine = write(DemoCommand.folder(home).resolve("raw/notes.txt"), false, "mine");

    assertThatThrownBy(() -> demo(spark, home))
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining("Cannot run the demo: " + DemoCommand.folder(home))
        .hasMessageContaining("did not write");
    assertThat(mine).hasContent("mine");
  }
}
