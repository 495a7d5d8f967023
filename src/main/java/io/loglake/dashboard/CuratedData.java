package io.loglake.dashboard;

import io.loglake.LoglakeException;
import io.loglake.schema.LogSchema;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The curated table read by its location, not through a catalog (so the dashboard needs no
 * metastore and runs beside {@code loglake stream}, which holds the embedded one). Each {@link
 * #read} is a new read: Parquet folders are listed again (new files and partitions appear); an
 * Iceberg table is its newest metadata file at that moment.
 *
 * @param path the curated folder (any Hadoop path: local, {@code s3://}, {@code s3a://})
 * @param format how to read it
 */
public record CuratedData(String path, Format format) {
  /** The catalog Iceberg's Spark source reads a path through. */
  static final String PATH_CATALOG = "default_iceberg";

  /** {@code --format}: auto, parquet or iceberg. */
  public enum Format {
    /** Iceberg when {@code <path>/metadata} holds a {@code *.metadata.json}, else Parquet. */
    AUTO,
    PARQUET,
    ICEBERG;

    /** {@code auto}, {@code parquet} or {@code iceberg} (any case). */
    public static Format parse(String text) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
          return f;
        }
      }
      throw new IllegalArgumentException(
          "'" + text + "' is not a format; the formats are auto, parquet, iceberg");
    }

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What was read: the rows and what they are (for the page's header). */
  public record Snapshot(Dataset<Row> rows, String description) {}

  /**
   * The table as it is now, with the curated schema; an absent or empty folder gives no rows (the
   * page says so). Throws {@link LoglakeException} when the location cannot be read.
   */
  public Snapshot read(SparkSession spark) {
    Path root = new Path(path);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return new Snapshot(empty(spark), "no curated table at " + path + " yet");
      }
      String metadata = format == Format.PARQUET ? null : newestMetadata(fs, root);
      if (format == Format.ICEBERG && metadata == null) {
        throw new LoglakeException(
            "Cannot read the Iceberg table at " + path + ": no *.metadata.json in its metadata/",
            "check --curated, or use --format parquet (or auto) for Parquet folders");
      }
      if (metadata != null) {
        // Iceberg's Spark source loads a location holding "metadata.json" with
        // StaticTableOperations (HadoopTables.newTableOps): that exact version, read-only. It
        // resolves the path through its default_iceberg catalog on SparkSession.active(): that
        // must be this session in whatever thread serves the request, with the catalog declared
        // (Iceberg declares it itself only when absent, on the active session).
        SparkSession.setActiveSession(spark);
        declarePathCatalog(spark);
        Dataset<Row> rows = spark.read().format("iceberg").load(metadata);
        return new Snapshot(
            rows, "Iceberg table " + path + " (" + new Path(metadata).getName() + ")");
      }
      // With the schema given, a folder with no data file yet reads as no rows.
      Dataset<Row> rows = spark.read().schema(LogSchema.CURATED).parquet(path);
      return new Snapshot(rows, "Parquet folders " + path);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot read the curated table at " + path + ": " + e.getMessage(),
          "check --curated and that its file system is reachable",
          e);
    }
  }

  /** Iceberg's catalog for path reads, as {@code IcebergSource} declares it when absent. */
  static void declarePathCatalog(SparkSession spark) {
    String key = "spark.sql.catalog." + PATH_CATALOG;
    if (!spark.conf().contains(key)) {
      spark.conf().set(key, "org.apache.iceberg.spark.SparkCatalog");
      // Its metastore client is created lazily and a path read never uses it.
      spark.conf().set(key + ".type", "hive");
      spark.conf().set(key + ".default-namespace", "default");
      spark.conf().set(key + ".cache-enabled", "false");
    }
  }

  private static Dataset<Row> empty(SparkSession spark) {
    return spark.createDataFrame(List.<Row>of(), LogSchema.CURATED);
  }

  /**
   * The newest {@code *.metadata.json} of the table at {@code root}, or null: the highest version
   * number (the name's part before the first {@code -}, or {@code v<N>.metadata.json}), the newest
   * modification time between equal numbers.
   */
  static String newestMetadata(FileSystem fs, Path root) throws IOException {
    FileStatus[] files;
    try {
      files = fs.listStatus(new Path(root, "metadata"));
    } catch (FileNotFoundException e) {
      return null;
    }
    FileStatus newest = null;
    long newestVersion = -1;
    for (FileStatus file : files) {
      String name = file.getPath().getName();
      if (!file.isFile() || !name.endsWith(".metadata.json")) {
        continue;
      }
      long version = version(name);
      if (version > newestVersion
          || (version == newestVersion
              && newest != null
              && file.getModificationTime() > newest.getModificationTime())) {
        newest = file;
        newestVersion = version;
      }
    }
    return newest == null ? null : newest.getPath().toString();
  }

  /** The version in {@code 00012-<uuid>.metadata.json} or {@code v12.metadata.json}; else 0. */
  static long version(String name) {
    String head = name.startsWith("v") ? name.substring(1) : name;
    int end = 0;
    while (end < head.length() && Character.isDigit(head.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 18) {
      return 0;
    }
    return Long.parseLong(head.substring(0, end));
  }
}
