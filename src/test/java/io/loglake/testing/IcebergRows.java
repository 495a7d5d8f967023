package io.loglake.testing;

import io.loglake.catalog.TableName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

/**
 * A curated Iceberg table read back through Iceberg's own API (a scan with {@link IcebergGenerics},
 * no Spark and no loglake code), as rows {@code dt|hr|timestamp|level|service|message|user_id|ip|
 * event_id}: the shape of {@code RawLogs.expectedCuratedRows}.
 */
public final class IcebergRows {
  private IcebergRows() {}

  /** The Iceberg table the session's catalog names {@code table}. */
  public static Table load(SparkSession spark, TableName table) {
    try {
      return Spark3Util.loadIcebergTable(spark, table.toString());
    } catch (Exception e) {
      throw new AssertionError("cannot load " + table + " through Iceberg", e);
    }
  }

  /** One record as {@code dt|hr|fields}. */
  public static String row(Record r) {
    return String.join(
        "|",
        String.valueOf(r.getField("dt")),
        String.valueOf(r.getField("hr")),
        (String) r.getField("timestamp"),
        (String) r.getField("level"),
        (String) r.getField("service"),
        (String) r.getField("message"),
        (String) r.getField("user_id"),
        (String) r.getField("ip"),
        (String) r.getField("event_id"));
  }

  /** Every row of the table's current snapshot (refreshed first) with its count. */
  public static Map<String, Long> counts(Table table) {
    Map<String, Long> counts = new HashMap<>();
    table.refresh();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record r : records) {
        counts.merge(row(r), 1L, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }
}
