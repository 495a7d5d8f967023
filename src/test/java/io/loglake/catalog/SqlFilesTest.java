package io.loglake.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file in sql/ says where it runs, and is either executed by a test (those listed here, run
 * by CatalogSqlQueriesTest and CatalogSqlDdlTest) or marked as engine-only with the reason.
 */
class SqlFilesTest {
  /** The files the Spark tests execute. */
  private static final List<String> EXECUTED =
      List.of(
          "athena/ddl/01_databases.sql",
          "athena/ddl/02_raw_logs.sql",
          "athena/ddl/03_app_logs_curated.sql",
          "athena/ddl/04_app_logs_curated_projected.sql",
          "athena/ddl/05_msck_repair.sql",
          "athena/ddl/06_app_logs_curated_iceberg.sql",
          "athena/queries/error_rate_last_24h.sql",
          "athena/queries/errors_by_service_yesterday.sql",
          "athena/queries/errors_per_ip.sql",
          "athena/queries/errors_per_user.sql",
          "athena/queries/top_messages_per_service.sql",
          "athena/queries/warn_error_per_service_per_hour.sql");

  private static List<String> files() throws IOException {
    Path root = Path.of("sql");
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(p -> p.toString().endsWith(".sql"))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private static String header(String file) throws IOException {
    StringBuilder header = new StringBuilder();
    for (String line : Files.readAllLines(Path.of("sql", file))) {
      if (!line.startsWith("--")) {
        break;
      }
      header.append(line).append('\n');
    }
    return header.toString();
  }

  @Test
  void everyFileSaysWhereItRunsAndIsTestedOrMarkedEngineOnlyWithTheReason() throws IOException {
    List<String> files = files();
    assertThat(files).containsAll(EXECUTED).hasSizeGreaterThan(EXECUTED.size());
    for (String file : files) {
      String header = header(file);
      assertThat(header).as(file).contains("-- Runs on:");
      if (EXECUTED.contains(file)) {
        assertThat(header).as(file).contains("-- Tested:").doesNotContain("not executed by a test");
      } else {
        assertThat(header)
            .as(file)
            .containsPattern("(Athena|Redshift)-only, not executed by a test: \\S+");
      }
    }
  }

  @Test
  void queriesAreTheTrinoDialectSparkAlsoRunsWithoutTheSeedsDateArithmetic() throws IOException {
    for (String file : files().stream().filter(f -> f.startsWith("athena/queries/")).toList()) {
      String sql =
          String.join(
              "\n",
              Files.readAllLines(Path.of("sql", file)).stream()
                  .filter(line -> !line.startsWith("--"))
                  .toList());
      assertThat(sql)
          .as(file)
          .doesNotContainPattern("current_date\\s*-\\s*\\d")
          .doesNotContain("date_add(", "from_iso8601", "`");
    }
  }
}
