-- logs_analytics.app_logs_curated: the curated zone (Parquet, dt=YYYY-MM-DD/hr=H/) as in the seed,
-- plus the event_id column loglake adds. `loglake etl` creates this table and registers each run's
-- partitions itself; on Athena over a Glue catalog that the job did not update, run
-- 05_msck_repair.sql after new partitions land, or use 04_app_logs_curated_projected.sql instead.
-- Runs on: Athena (DDL, Hive dialect). Replace the bucket.
-- Tested: CatalogSqlDdlTest runs it on Spark SQL 3.5 with the S3 location replaced by the curated
-- folder of a real job run, then repairs and queries it.
-- `timestamp` is reserved in Athena DDL: back-quoted.
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
LOCATION 's3://de-logs-streaming-yourname/curated/';
