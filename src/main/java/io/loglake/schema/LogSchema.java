package io.loglake.schema;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The raw and curated schemas and column names, in one place.
 *
 * <p>Raw records are JSON objects with the fields {@link #RAW_FIELDS} (all read as strings; unknown
 * fields are ignored). The curated table keeps the seed's column order — {@code timestamp} as
 * received, {@code level}, {@code service}, {@code message}, {@code user_id}, {@code ip}, {@code
 * ts} — then the columns loglake adds, then the partition columns {@code dt} and {@code hr}.
 */
public final class LogSchema {
  public static final String TIMESTAMP = "timestamp";
  public static final String LEVEL = "level";
  public static final String SERVICE = "service";
  public static final String MESSAGE = "message";
  public static final String USER_ID = "user_id";
  public static final String IP = "ip";
  public static final String EVENT_ID = "event_id";
  public static final String TS = "ts";
  public static final String DT = "dt";
  public static final String HR = "hr";

  /** The fields read from each raw JSON object, in the seed's order, then {@code event_id}. */
  public static final List<String> RAW_FIELDS =
      List.of(TIMESTAMP, LEVEL, SERVICE, MESSAGE, USER_ID, IP, EVENT_ID);

  /** Partition columns of the curated zone, outermost first. */
  public static final List<String> PARTITION_COLUMNS = List.of(DT, HR);

  /** The explicit raw schema (what the catalog's raw_logs table declares). */
  public static final StructType RAW = seedColumns().add(EVENT_ID, StringType);

  /** The curated schema as written: data columns in the seed's order, added columns, partitions. */
  public static final StructType CURATED =
      seedColumns()
          .add(TS, TimestampType)
          .add(EVENT_ID, StringType)
          .add(DT, DateType)
          .add(HR, IntegerType);

  /** The seed's six string columns, in its order. */
  private static StructType seedColumns() {
    return new StructType()
        .add(TIMESTAMP, StringType)
        .add(LEVEL, StringType)
        .add(SERVICE, StringType)
        .add(MESSAGE, StringType)
        .add(USER_ID, StringType)
        .add(IP, StringType);
  }

  private LogSchema() {}
}
