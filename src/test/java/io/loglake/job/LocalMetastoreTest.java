package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Derby database left half-created by a kill is moved aside (found by IncrementalKillIT: every
 * later run failed to boot it); a whole one, or none, is left alone.
 */
class LocalMetastoreTest {
  @TempDir Path dir;

  @Test
  void aDatabaseWithoutServicePropertiesIsMovedAsideWithWhatItHeld() throws IOException {
    Path database = dir.resolve("metastore_db");
    Files.createDirectories(database.resolve("seg0"));
    Files.writeString(database.resolve("db.lck"), "stale lock of a killed process");

    Path aside = LocalMetastore.recoverInterruptedCreation(database);

    assertThat(database).doesNotExist();
    assertThat(aside).isNotNull().hasParent(dir);
    assertThat(aside.getFileName().toString()).startsWith("metastore_db.incomplete-");
    assertThat(aside.resolve("db.lck")).hasContent("stale lock of a killed process");
  }

  @Test
  void aWholeDatabaseAndAMissingOneAreLeftAlone() throws SQLException {
    Path database = dir.resolve("metastore_db");
    assertThat(LocalMetastore.recoverInterruptedCreation(database)).isNull();
    assertThat(database).doesNotExist();

    String url = "jdbc:derby:" + database;
    DriverManager.getConnection(url + ";create=true").close();
    try {
      DriverManager.getConnection(url + ";shutdown=true").close();
    } catch (SQLException shutdown) {
      assertThat(shutdown.getSQLState()).isEqualTo("08006");
    }
    assertThat(database.resolve(LocalMetastore.SERVICE_PROPERTIES)).exists();

    assertThat(LocalMetastore.recoverInterruptedCreation(database)).isNull();
    assertThat(database.resolve(LocalMetastore.SERVICE_PROPERTIES)).exists();
  }
}
