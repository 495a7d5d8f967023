package io.loglake.cli;

import io.loglake.dashboard.CuratedData;
import io.loglake.dashboard.DashboardPage;
import io.loglake.dashboard.DashboardView;
import io.loglake.dashboard.LogFilter;
import io.loglake.dashboard.ReportFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loglake report --out FILE.html}: the dashboard's views as one self-contained HTML file
 * (inline CSS and SVG, no script), written atomically.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write the dashboard's views (errors per service, top messages, latest events, data"
            + " quality) as one self-contained HTML file, for sharing.")
public final class ReportCommand extends SparkCommand {
  @Mixin SparkOptions sparkOptions;

  @Mixin DashboardOptions dataOptions;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html",
      description = "The HTML file to write (replaced atomically if it exists).")
  Path out;

  @Override
  String master() {
    return sparkOptions.master();
  }

  @Override
  Map<String, String> sessionDefaults() {
    return DashboardOptions.SESSION;
  }

  @Override
  int execute() {
    CuratedData curated = dataOptions.curatedData(home(), this::usage);
    List<String> reports = dataOptions.reportFolders(home());
    DashboardView view =
        DashboardView.load(spark(), curated, reports, LogFilter.NONE, Instant.now());
    ReportFile.write(out, DashboardPage.report(view));
    err().println("loglake report: wrote " + out.toAbsolutePath() + " (" + view.table() + ")");
    err().flush();
    return Main.EXIT_OK;
  }
}
