package io.loglake.cli;

import io.loglake.config.EtlConfig;
import io.loglake.config.LoglakeHome;
import io.loglake.dashboard.CuratedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The data options of {@code dashboard} and {@code report}, shared as a {@code @Mixin}: the curated
 * table by location ({@code --curated}, {@code --format}), the run reports' folders ({@code
 * --reports}), or the demo's folders ({@code --demo}).
 */
public final class DashboardOptions {
  @Option(
      names = "--curated",
      paramLabel = "PATH",
      description =
          "The curated table's folder (any Hadoop path: s3:// too), read directly, no catalog."
              + " Default: $LOGLAKE_HOME/curated (etl's default).")
  String curated;

  @Option(
      names = "--format",
      paramLabel = "auto|parquet|iceberg",
      defaultValue = "auto",
      description =
          "How to read --curated: auto (Iceberg when PATH/metadata holds a *.metadata.json, else"
              + " Parquet folders), parquet or iceberg (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description =
          "A folder of run reports (*.json, etl's/stream's report JSON); repeatable. Default:"
              + " <state>/reports and <state>/stream/reports, state being "
              + EtlConfig.DEFAULT_STATE_FOLDER
              + " beside --curated.")
  List<String> reports = new ArrayList<>();

  @Option(
      names = "--demo",
      description =
          "Show `loglake demo`'s data: its curated folder and run report under"
              + " $LOGLAKE_HOME/demo (instead of --curated and --reports).")
  boolean demo;

  /** The session settings: no metastore (the catalog is never used, the data is read by path). */
  static final Map<String, String> SESSION = Map.of("spark.sql.catalogImplementation", "in-memory");

  /** The curated folder: the demo's, {@code --curated}, else {@code $LOGLAKE_HOME/curated}. */
  String curatedPath(LoglakeHome home) {
    if (demo) {
      return DemoCommand.curatedFolder(home).toString();
    }
    return curated != null ? curated : home.curated().toString();
  }

  /** The table to read; a bad option is a usage error. */
  CuratedData curatedData(
      LoglakeHome home, Function<String, CommandLine.ParameterException> usage) {
    if (demo && (curated != null || !reports.isEmpty())) {
      throw usage.apply("Use --demo without --curated and --reports (it names the demo's)");
    }
    CuratedData.Format parsed;
    try {
      parsed = CuratedData.Format.parse(format);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --format: " + e.getMessage());
    }
    return new CuratedData(curatedPath(home), parsed);
  }

  /** The report folders: {@code --reports}, else the two beside the curated folder. */
  List<String> reportFolders(LoglakeHome home) {
    if (!reports.isEmpty()) {
      return List.copyOf(reports);
    }
    String state = EtlConfig.defaultStatePath(curatedPath(home));
    return List.of(state + "/reports", state + "/stream/reports");
  }
}
