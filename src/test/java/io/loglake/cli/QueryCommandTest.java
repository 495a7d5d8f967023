package io.loglake.cli;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static io.loglake.testing.LogFixtures.info;
import static io.loglake.testing.LogFixtures.warn;
import static org.assertj.core.api.Assertions.assertThat;

import io.loglake.testing.CapturedOutput;
import io.loglake.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code loglake query} through the command line, on the shared session. */
@ExtendWith(SparkTestSession.class)
class QueryCommandTest {
  @TempDir Path dir;

  @RegisterExtension final CapturedOutput output = new CapturedOutput();

  private int query(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "query";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.execute(all);
  }

  private String out() {
    return output.stdout();
  }

  private String err() {
    return output.stderr();
  }

  @Test
  void parametersAreBoundAsValuesNeverAsSql() {
    String hostile = "x' OR '1'='1";
    int exit =
        query(
            "--sql",
            "SELECT :name AS name, :n + 1 AS next, :day AS day, length(:name) AS len",
            "--param",
            "name=" + hostile,
            "--param",
            "n:int=41",
            "--param",
            "day:date=2025-11-09",
            "--format",
            "json");

    assertThat(exit).as(err()).isZero();
    assertThat(out().strip())
        .isEqualTo(
            "{\"name\":\"x' OR '1'='1\",\"next\":42,\"day\":\"2025-11-09\",\"len\":"
                + hostile.length()
                + "}");
  }

  @Test
  void printsAnAlignedTableOrCsvAndNeverMoreRowsThanTheLimit() {
    assertThat(
            query(
                "--sql",
                "SELECT concat('svc-', id) AS service, id * 10 AS error_count FROM range(1, 4)"))
        .isZero();
    assertThat(out())
        .isEqualTo(
            String.join(
                "\n",
                "service | error_count",
                "--------+------------",
                "svc-1   |          10",
                "svc-2   |          20",
                "svc-3   |          30",
                "(3 rows)",
                ""));

    output.reset();
    assertThat(
            query(
                "--sql",
                "SELECT id, 'a,\"b\"' AS text FROM range(1000000000)",
                "--limit",
                "2",
                "--format",
                "csv"))
        .isZero();
    assertThat(out()).isEqualTo("id,text\r\n0,\"a,\"\"b\"\"\"\r\n1,\"a,\"\"b\"\"\"\r\n");

    output.reset();
    assertThat(query("--sql", "SELECT id FROM range(10)", "--limit", "3")).isZero();
    assertThat(out()).contains("(3 rows; more rows not shown: raise --limit)");
  }

  @Test
  void runsEveryStatementOfAFileAndPrintsEachResult() throws Exception {
    Path file = dir.resolve("two.sql");
    Files.writeString(
        file,
        "-- a comment; with a semicolon\nSELECT 'a;b' AS x;\n/* ; */ SELECT 2 AS y;\n-- end\n");

    assertThat(query("--sql", file.toString(), "--format", "csv")).as(err()).isZero();
    assertThat(out()).isEqualTo("x\r\na;b\r\n\ny\r\n2\r\n");
  }

  @Test
  void badArgumentsExit2AndFailingSqlExits1WithWhatToDo() {
    assertThat(query("--sql", "SELECT 1", "--format", "xml")).isEqualTo(2);
    assertThat(err()).contains("Invalid --format").contains("Usage: loglake query");
    assertThat(query("--sql", "SELECT 1", "--limit", "0")).isEqualTo(2);
    assertThat(query("--sql", "SELECT :n", "--param", "n:int=many")).isEqualTo(2);
    assertThat(query("--sql", "SELECT :n", "--param", "n:uuid=1")).isEqualTo(2);
    assertThat(query("--sql", "missing/file.sql")).isEqualTo(2);
    assertThat(err()).contains("no such file: missing/file.sql");
    assertThat(query()).isEqualTo(2);

    output.reset();
    assertThat(query("--sql", "SELECT * FROM no_such_db.no_such_table")).isEqualTo(1);
    assertThat(err()).contains("loglake: Cannot run the query:").contains("what to do:");
    output.reset();
    assertThat(query("--sql", "-- only a comment")).isEqualTo(1);
    assertThat(err()).contains("holds no statement");
  }

  @Test
  void aSyntaxErrorSaysSparksReasonOnOneLineWithoutTheStack() {
    assertThat(query("--sql", "SELEC 1")).isEqualTo(1);
    String first = err().lines().findFirst().orElse("");
    assertThat(first)
        .startsWith(
            "loglake: Cannot run the query: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'");
    assertThat(err()).doesNotContain("\tat ").doesNotContain("== SQL ==");
  }

  @Test
  void aMissingParameterIsNamedAndAnUnusedOneIsAUsageError() {
    assertThat(query("--sql", "SELECT :day AS d, :n AS n", "--param", "n:int=1")).isEqualTo(1);
    assertThat(err())
        .contains("loglake: Cannot run the query: it uses :day but no --param day=… was given")
        .doesNotContain("UNBOUND_SQL_PARAMETER");

    output.reset();
    assertThat(query("--sql", "SELECT :n AS n", "--param", "n:int=1", "--param", "extra=x"))
        .isEqualTo(2);
    assertThat(err())
        .contains("Invalid --param extra: the SQL has no :extra (it uses :n)")
        .contains("Usage: loglake query");

    output.reset();
    // Markers inside strings, comments and quoted names are not parameters.
    assertThat(query("--sql", "SELECT ':x' AS `:y`, 1 AS one -- :z", "--format", "csv"))
        .as(err())
        .isZero();
    assertThat(out()).isEqualTo(":y,one\r\n:x,1\r\n");
  }

  /**
   * {@code query} over an Iceberg curated table ({@code etl --format iceberg}): the session catalog
   * serves it by name, parameters bind on it, and the counts are those of the records written.
   */
  @Test
  void queriesAnIcebergCuratedTableByName() {
    String table = "loglake_query_test.iceberg_" + UUID.randomUUID().toString().substring(0, 8);
    gzipFile(
        dir.resolve("raw/2025/11/09/10/a.gz"),
        error("2025-11-09T10:00:00Z", "api"),
        error("2025-11-09T10:05:00Z", "api"),
        warn("2025-11-09T10:06:00Z", "web"),
        info("2025-11-09T10:07:00Z", "web"));
    gzipFile(dir.resolve("raw/2025/11/09/11/b.gz"), error("2025-11-10T00:01:00Z", "web"));
    assertThat(
            Main.execute(
                "etl",
                "--raw",
                dir.resolve("raw").toString(),
                "--curated",
                dir.resolve("curated").toString(),
                "--curated-table",
                table,
                "--format",
                "iceberg"))
        .as(err())
        .isZero();
    assertThat(dir.resolve("curated/metadata")).isDirectory();

    output.reset();
    int exit =
        query(
            "--sql",
            "SELECT service, level, count(*) AS n FROM "
                + table
                + " WHERE dt = :day GROUP BY service, level ORDER BY service, level",
            "--param",
            "day:date=2025-11-09",
            "--format",
            "csv");

    assertThat(exit).as(err()).isZero();
    assertThat(out()).isEqualTo("service,level,n\r\napi,ERROR,2\r\nweb,WARN,1\r\n");
  }
}
