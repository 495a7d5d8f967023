package io.loglake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loglake.LoglakeException;
import io.loglake.catalog.TableName;
import io.loglake.config.EtlConfig;
import io.loglake.config.LoglakeHome;
import io.loglake.config.QualityConfig;
import io.loglake.config.TableFormat;
import io.loglake.job.RunHistory;
import io.loglake.job.RunReport;
import io.loglake.quality.CuratedHours;
import io.loglake.quality.QualityCheck;
import io.loglake.quality.QualityReport;
import io.loglake.quality.QualityRules;
import io.loglake.schema.CuratedPartition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loglake check}: the data-quality rules over curated hours and the newest run report, for
 * schedulers. Exit 0 when every rule passes (or is skipped), 3 when one fails, 1 when the check
 * cannot run, 2 on bad arguments.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check the curated table's data quality: quarantine_rate (of the newest run report),"
          + " missing_service, gap (an empty hour that had rows the day before) and volume (rows"
          + " against the same hour the day before).",
      "Prints one line per rule, PASS|FAIL|SKIP rule: numbers (threshold); exits 0 when none"
          + " failed, 3 when one did, 1 when the check cannot run."
    })
public final class CheckCommand extends SparkCommand {
  private static final Pattern HOUR =
      Pattern.compile("(?:dt=)?(\\d{4}-\\d{2}-\\d{2})/(?:hr=)?(\\d{1,2})");

  @Mixin SparkOptions sparkOptions;

  @Mixin QualityOptions quality;

  @Option(
      names = "--curated",
      paramLabel = "PATH",
      description =
          "The curated zone, read by location with --format parquet (no catalog needed)."
              + " Default: $LOGLAKE_HOME/curated.")
  String curated;

  @Option(
      names = "--curated-table",
      paramLabel = "DB.TABLE",
      defaultValue = EtlConfig.DEFAULT_CURATED_TABLE,
      description =
          "The curated table, read through the catalog with --format iceberg"
              + " (default: ${DEFAULT-VALUE}).")
  String curatedTable;

  @Option(
      names = "--format",
      paramLabel = "parquet|iceberg",
      defaultValue = EtlConfig.DEFAULT_FORMAT_TEXT,
      description = "The curated table's format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--state",
      paramLabel = "PATH",
      description =
          "The state whose run history (reports/, stream/reports/) holds the newest run report."
              + " Default: a "
              + EtlConfig.DEFAULT_STATE_FOLDER
              + " folder beside --curated.")
  String state;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Take the quarantine rate from this run report (any Hadoop path) instead of the newest"
              + " one in the history.")
  String report;

  @Option(
      names = "--json",
      description = "Print the result as one JSON object instead of the lines.")
  boolean json;

  @ArgGroup(exclusive = true)
  Hours hours;

  /** Which hours: one of these, else the 24 hours ending with the newest complete one present. */
  static final class Hours {
    @Option(
        names = "--hours",
        paramLabel = "DT/HR[,...]",
        split = ",",
        description = "These hours, e.g. 2026-12-01/3,2026-12-01/4 (or dt=2026-12-01/hr=3).")
    List<String> list;

    @Option(
        names = "--date",
        paramLabel = "YYYY-MM-DD",
        description = "The 24 hours of this UTC date.")
    String date;

    @ArgGroup(exclusive = false)
    Range range;
  }

  /** {@code --since} (required) and {@code --until}. */
  static final class Range {
    @Option(
        names = "--since",
        required = true,
        paramLabel = "INSTANT",
        converter = InstantConverter.class,
        description = "From the hour holding this instant (ISO-8601 with offset).")
    Instant since;

    @Option(
        names = "--until",
        paramLabel = "INSTANT",
        converter = InstantConverter.class,
        description =
            "To the last hour that starts before this instant (default: the hour before the one"
                + " under way, which is not checked).")
    Instant until;
  }

  /** What one check looks at, from the options. */
  record Settings(
      TableFormat format,
      String curatedPath,
      TableName curatedTable,
      String statePath,
      String reportPath,
      List<CuratedPartition> hours,
      QualityConfig thresholds) {}

  @Override
  String master() {
    return sparkOptions.master();
  }

  @Override
  int execute() {
    Instant now = Instant.now();
    Settings settings = settings(home(), now);
    SparkSession spark = spark();
    CuratedHours table =
        new CuratedHours(spark, settings.format(), settings.curatedPath(), settings.curatedTable());
    if (!table.exists()) {
      throw new LoglakeException(
          "Cannot check " + table.describe() + ": it does not exist",
          "run loglake etl first, or give --curated (parquet) or --format iceberg --curated-table");
    }
    List<CuratedPartition> checked = settings.hours();
    if (checked.isEmpty()) {
      Optional<CuratedPartition> newest = table.newestCompleteHour(now);
      if (newest.isEmpty()) {
        throw new LoglakeException(
            "Cannot check " + table.describe() + ": it has no partition of an hour that is over",
            "give the hours to check: --hours, --date or --since");
      }
      checked = lastDay(newest.get());
    }
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    RunReport run =
        settings.reportPath() != null ? readReport(hadoop, settings.reportPath()) : null;
    String noRun = null;
    if (run == null) {
      List<String> folders = RunHistory.folders(settings.statePath());
      List<RunReport> newest = RunHistory.read(hadoop, folders, 1);
      run = newest.isEmpty() ? null : newest.get(0);
      noRun = "none in " + String.join(" or ", folders) + "; give --report FILE";
    }
    QualityReport result;
    try {
      result =
          QualityCheck.check(
              table.rows(QualityCheck.withDayBefore(checked)),
              checked,
              run == null
                  ? null
                  : new QualityRules.RunCounts(
                      run.runId(), run.recordsRead(), run.recordsQuarantined()),
              noRun,
              null,
              settings.thresholds());
    } catch (LoglakeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LoglakeException(
          "Cannot check " + table.describe() + ": " + e.getMessage(),
          "check that the table is readable (loglake query) and its format is --format",
          e);
    }
    if (json) {
      out().println(toJson(result));
    } else {
      result.lines().forEach(out()::println);
    }
    out().flush();
    return result.passed() ? Main.EXIT_OK : Main.EXIT_QUALITY;
  }

  /** The settings from the options; a bad value is a usage error naming its option. */
  Settings settings(LoglakeHome home, Instant now) {
    TableFormat tableFormat;
    try {
      tableFormat = TableFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid --format: " + e.getMessage());
    }
    TableName table = CuratedOptions.tableName("--curated-table", curatedTable, this::usage);
    String curatedPath = curated != null ? curated : home.curated().toString();
    String statePath = state != null ? state : EtlConfig.defaultStatePath(curatedPath);
    return new Settings(
        tableFormat,
        curatedPath,
        table,
        statePath,
        report,
        hours(now),
        quality.config(this::usage));
  }

  /** The hours asked for, in time order; empty: the default (found in the table). */
  private List<CuratedPartition> hours(Instant now) {
    List<CuratedPartition> out = new ArrayList<>();
    if (hours == null) {
      return out;
    }
    if (hours.list != null) {
      for (String text : hours.list) {
        out.add(hour(text.trim()));
      }
    } else if (hours.date != null) {
      LocalDate date;
      try {
        date = LocalDate.parse(hours.date.trim());
      } catch (DateTimeParseException e) {
        throw usage("Invalid --date: '" + hours.date + "' is not a date YYYY-MM-DD");
      }
      for (int hr = 0; hr < 24; hr++) {
        out.add(new CuratedPartition(date, hr));
      }
    } else {
      long first = Math.floorDiv(hours.range.since.getEpochSecond(), 3600);
      // The hours that start before --until; by default those before the hour under way.
      long end =
          hours.range.until != null
              ? Math.floorDiv(hours.range.until.getEpochSecond() + 3599, 3600)
              : Math.floorDiv(now.getEpochSecond(), 3600);
      if (end <= first) {
        throw usage("Invalid --since/--until: the range holds no hour");
      }
      if (end - first > QualityConfig.MAX_CHECKED_HOURS) {
        throw usage(tooMany(end - first));
      }
      for (long h = first; h < end; h++) {
        out.add(CuratedPartition.ofEpochHour(h));
      }
    }
    List<CuratedPartition> sorted = out.stream().distinct().sorted().toList();
    if (sorted.size() > QualityConfig.MAX_CHECKED_HOURS) {
      throw usage(tooMany(sorted.size()));
    }
    return sorted;
  }

  private static String tooMany(long n) {
    return "Invalid hours: "
        + n
        + " asked for, at most "
        + QualityConfig.MAX_CHECKED_HOURS
        + " (31 days) per check";
  }

  private CuratedPartition hour(String text) {
    Matcher m = HOUR.matcher(text);
    try {
      if (m.matches()) {
        return CuratedPartition.parse("dt=" + m.group(1) + "/hr=" + m.group(2));
      }
    } catch (IllegalArgumentException e) {
      // Reported below with the value as given.
    }
    throw usage("Invalid --hours: '" + text + "' is not DT/HR such as 2026-12-01/3");
  }

  /** {@code newest} and the 23 hours before it. */
  static List<CuratedPartition> lastDay(CuratedPartition newest) {
    List<CuratedPartition> day = new ArrayList<>();
    for (long h = newest.epochHour() - 23; h <= newest.epochHour(); h++) {
      day.add(CuratedPartition.ofEpochHour(h));
    }
    return day;
  }

  private static RunReport readReport(Configuration hadoop, String file) {
    Path path = new Path(file);
    String text;
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot read the run report " + file + ": " + e.getMessage(),
          "give the file loglake etl --report wrote",
          e);
    }
    try {
      return RunReport.fromJson(text);
    } catch (IllegalArgumentException e) {
      throw new LoglakeException(
          "Cannot read the run report " + file + ": " + e.getMessage(),
          "give the file loglake etl --report wrote",
          e);
    }
  }

  private static String toJson(QualityReport result) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(result.toMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the check's result", e);
    }
  }
}
