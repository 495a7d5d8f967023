-- logs_analytics.app_logs_curated with partition projection: Athena computes the partitions (dt a
-- date yyyy-MM-dd from the start date to NOW, hr an integer 0-23) from storage.location.template, so
-- no partition is ever registered or repaired. Use it instead of 03_app_logs_curated.sql (drop that
-- table first: DROP TABLE keeps the data); the queries in ../queries/ run on either.
-- Runs on: Athena (DDL, Hive dialect). Replace the bucket and the start date.
-- Tested: CatalogSqlDdlTest runs it on Spark SQL 3.5 with the S3 location replaced, for its syntax,
-- schema (that of 03) and properties only. The projection itself is Athena-only: Spark keeps the
-- projection.* properties but ignores them, so locally the partitions come from the job or MSCK.
CREATE EXTERNAL TABLE IF NOT EXISTS logs_analytics.app_logs_curated (
  `timestamp` string,
  `level` string,
  `service` string,
  `message` string,
  `user_id` string,
  `ip` string,
  `ts` timestamp,
  `event_id` string
)
PARTITIONED BY (`dt` date, `hr` int)
STORED AS PARQUET
LOCATION 's3://de-logs-streaming-yourname/curated/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2025-11-01,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'projection.hr.type' = 'integer',
  'projection.hr.range' = '0,23',
  'storage.location.template' = 's3://de-logs-streaming-yourname/curated/dt=${dt}/hr=${hr}/'
);
