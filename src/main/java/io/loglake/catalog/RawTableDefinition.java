package io.loglake.catalog;

import io.loglake.LoglakeException;
import io.loglake.schema.LogSchema;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructField;

/**
 * The raw_logs table, declared once for every catalog: the explicit raw schema ({@link
 * LogSchema#RAW}, all strings), string partitions {@code year, month, day, hour} over the Firehose
 * layout, Hive's JSON SerDe (which Athena, Glue, EMR and the local catalog all run) over text files
 * (GZIP is read by the text input format from the {@code .gz} suffix).
 */
public final class RawTableDefinition {
  public static final List<String> PARTITION_KEYS = List.of("year", "month", "day", "hour");
  public static final String SERDE = "org.apache.hive.hcatalog.data.JsonSerDe";
  public static final String INPUT_FORMAT = "org.apache.hadoop.mapred.TextInputFormat";
  public static final String OUTPUT_FORMAT =
      "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

  private RawTableDefinition() {}

  /** The data columns and their Hive type names ({@code string}). */
  public static List<StructField> columns() {
    return Arrays.asList(LogSchema.RAW.fields());
  }

  /**
   * Spark SQL / HiveQL DDL of the table at {@code location} (in its {@link CatalogLocation} form).
   */
  public static String createTableSql(TableName name, String location) {
    String columns =
        columns().stream()
            .map(f -> Sql.identifier(f.name()) + " " + f.dataType().sql())
            .collect(Collectors.joining(", "));
    String partitions =
        PARTITION_KEYS.stream()
            .map(k -> Sql.identifier(k) + " STRING")
            .collect(Collectors.joining(", "));
    return "CREATE EXTERNAL TABLE IF NOT EXISTS "
        + name.quoted()
        + " ("
        + columns
        + ")"
        + " PARTITIONED BY ("
        + partitions
        + ")"
        + " ROW FORMAT SERDE "
        + Sql.string(SERDE)
        + " STORED AS INPUTFORMAT "
        + Sql.string(INPUT_FORMAT)
        + " OUTPUTFORMAT "
        + Sql.string(OUTPUT_FORMAT)
        + " LOCATION "
        + Sql.string(CatalogLocation.forCatalog(location))
        + " TBLPROPERTIES ('classification' = 'json')";
  }

  /**
   * Fails unless an existing raw table {@code table} is partitioned by {@link #PARTITION_KEYS}.
   *
   * @param dropHint how to get rid of the table in that catalog (it says what to do)
   */
  static void requirePartitionKeys(TableName table, List<String> keys, String dropHint) {
    if (!keys.equals(PARTITION_KEYS)) {
      throw new LoglakeException(
          "Cannot crawl into "
              + table
              + ": it is partitioned by "
              + keys
              + ", not "
              + PARTITION_KEYS
              + " (a Glue crawler's table has partition_0..3)",
          dropHint + " and crawl again, or name another table with --table");
    }
  }
}
