-- logs_analytics.app_logs_curated as an Apache Iceberg table (`loglake etl --format iceberg`): the
-- columns and types of 03_app_logs_curated.sql, identity partitions dt and hr, format-version 2
-- (the only version Athena creates), data files in Parquet under the curated location. Use it
-- instead of 03 (never both under one name): the queries in ../queries/ run on either, and no
-- partition is ever registered or repaired (05 does not apply). `loglake etl --format iceberg`
-- creates the table itself when it is missing (in the Glue Data Catalog on Glue); this file is for
-- creating it from Athena first. Athena's Iceberg DDL creates `ts` as an Iceberg timestamp without
-- time zone (the only timestamp its CREATE TABLE takes); the job writes UTC into it either way.
-- Runs on: Athena (DDL, Iceberg). Replace the bucket. No EXTERNAL: Athena refuses it for Iceberg.
-- Tested: CatalogSqlDdlTest runs it on Spark SQL 3.5 with Iceberg 1.10, the S3 location replaced
-- and `USING iceberg` added (Spark's way of saying 'table_type' = 'ICEBERG'), then checks the
-- table through Iceberg's API (columns and types of LogSchema.CURATED, spec, format version) and
-- that a job run appends to it.
CREATE TABLE IF NOT EXISTS logs_analytics.app_logs_curated (
  `timestamp` string,
  `level` string,
  `service` string,
  `message` string,
  `user_id` string,
  `ip` string,
  `ts` timestamp,
  `event_id` string,
  `dt` date,
  `hr` int
)
PARTITIONED BY (`dt`, `hr`)
LOCATION 's3://de-logs-streaming-yourname/curated/'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'snappy'
);
