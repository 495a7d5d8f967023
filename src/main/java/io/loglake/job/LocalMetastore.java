package io.loglake.job;

import io.loglake.LoglakeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Derby database of a local run's Hive metastore ({@code LoglakeHome/metastore}).
 *
 * <p>A process killed ({@code kill -9}) while Derby was still creating the database leaves a folder
 * without {@code service.properties}, which Derby then refuses to boot ("Perhaps Derby was brought
 * down in the middle of creating this database") on every later run. Creation is the first thing a
 * session does with the database, before any table is created in it, so such a folder holds no
 * catalog entry: it is moved aside and the next session creates the database anew. A database that
 * was created whole and then killed is left to Derby, whose recovery replays its log on boot (the
 * stale {@code db.lck} of a dead process is no obstacle: Derby's lock is a file lock the OS
 * released with the process). Local only: Glue's catalog is not a Derby database.
 */
final class LocalMetastore {
  private static final Logger LOG = LoggerFactory.getLogger(LocalMetastore.class);

  /** Derby writes this file last when it creates a database. */
  static final String SERVICE_PROPERTIES = "service.properties";

  private LocalMetastore() {}

  /**
   * Moves {@code database} aside when it is a database whose creation was interrupted; returns
   * where it was moved, or null when there was nothing to do.
   */
  static Path recoverInterruptedCreation(Path database) {
    if (!Files.isDirectory(database) || Files.exists(database.resolve(SERVICE_PROPERTIES))) {
      return null;
    }
    Path aside =
        database.resolveSibling(
            database.getFileName()
                + ".incomplete-"
                + Instant.now().toString().replace(":", "").replace(".", ""));
    try {
      Files.move(database, aside);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot start the local metastore: "
              + database
              + " is a Derby database whose creation was interrupted, and moving it aside failed: "
              + e.getMessage(),
          "delete " + database + " (it holds no table: its creation never finished) and rerun",
          e);
    }
    LOG.warn(
        "the local metastore {} was left half-created by an interrupted run (no table in it);"
            + " moved it to {} and creating it anew",
        database,
        aside);
    return aside;
  }
}
