package io.loglake.cli;

import io.loglake.catalog.TableName;
import io.loglake.config.ByteSize;
import io.loglake.config.EtlConfig;
import io.loglake.config.LoglakeHome;
import io.loglake.config.TableFormat;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options naming the curated table a command writes or compacts, shared as a {@code @Mixin} by
 * {@code etl} and {@code compact}: {@code --curated}, {@code --curated-table}, {@code
 * --no-register}, {@code --format}, {@code --state}, {@code --target-file-size}. Defaults are
 * {@link EtlConfig}'s.
 */
public final class CuratedTableOptions {
  @Option(
      names = "--curated",
      paramLabel = "PATH",
      description = "Curated Parquet output. Default: $LOGLAKE_HOME/curated.")
  String curated;

  @Option(
      names = "--curated-table",
      paramLabel = "DB.TABLE",
      defaultValue = EtlConfig.DEFAULT_CURATED_TABLE,
      description =
          "Catalog table the written partitions are registered in (default: ${DEFAULT-VALUE}).")
  String curatedTable;

  @Option(
      names = "--no-register",
      description = "Do not create or update the curated table in the catalog.")
  boolean noRegister;

  @Option(
      names = "--state",
      paramLabel = "PATH",
      description =
          "Where --incremental keeps its checkpoints and compaction its manifests (any Hadoop"
              + " path). Default: a "
              + EtlConfig.DEFAULT_STATE_FOLDER
              + " folder beside --curated.")
  String state;

  @Option(
      names = "--target-file-size",
      paramLabel = "SIZE",
      defaultValue = EtlConfig.DEFAULT_TARGET_FILE_SIZE,
      description =
          "A partition larger than this is split into several files (default: ${DEFAULT-VALUE}).")
  String targetFileSize;

  @Option(
      names = "--format",
      paramLabel = "parquet|iceberg",
      defaultValue = EtlConfig.DEFAULT_FORMAT_TEXT,
      description =
          "The curated table's format, chosen when the table is created: Hive-style Parquet"
              + " folders, or an Iceberg table (format-version 2, one atomic commit per run). A run"
              + " whose format differs from the existing table's is refused (default:"
              + " ${DEFAULT-VALUE}).")
  String format;

  /** {@code --curated}, else {@code $LOGLAKE_HOME/curated}. */
  String curatedPath(LoglakeHome home) {
    return curated != null ? curated : home.curated().toString();
  }

  /** {@code --state} as given, or null for the default. */
  String state() {
    return state;
  }

  /** {@code --no-register}. */
  boolean noRegister() {
    return noRegister;
  }

  TableFormat format(Function<String, CommandLine.ParameterException> usage) {
    TableFormat tableFormat;
    try {
      tableFormat = TableFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --format: " + e.getMessage());
    }
    if (noRegister && tableFormat == TableFormat.ICEBERG) {
      throw usage.apply(
          "Use --no-register with --format parquet only: an Iceberg table is its catalog entry,"
              + " there is nothing to write without it");
    }
    return tableFormat;
  }

  /** The curated table, or null with {@code --no-register}. */
  TableName curatedTable(Function<String, CommandLine.ParameterException> usage) {
    if (noRegister) {
      return null;
    }
    try {
      return TableName.parse(curatedTable);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --curated-table: " + e.getMessage());
    }
  }

  long targetFileBytes(Function<String, CommandLine.ParameterException> usage) {
    try {
      return ByteSize.parse(targetFileSize);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --target-file-size: " + e.getMessage());
    }
  }
}
