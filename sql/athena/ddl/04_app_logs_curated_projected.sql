-- logs_analytics.app_logs_curated with partition projection: Athena computes the partitions (dt a
-- date yyyy-MM-dd from the start date to NOW, hr an integer 0-23) from storage.location.template, so
-- no partition is ever registered or repaired. Use it instead of 03_app_logs_curated.sql (drop that
-- table first: DROP TABLE keeps the data); the queries in ../queries/ run on either.
-- Runs on: Athena only (DDL, Hive dialect). Replace the bucket and the start date.
-- Athena-only, not executed by a test: partition projection exists only in Athena; Spark SQL would
-- create the table but ignore every projection.* property, so running it locally proves nothing
-- beyond what 03_app_logs_curated.sql's test already does.
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
