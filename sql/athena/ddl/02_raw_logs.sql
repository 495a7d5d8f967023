-- logs_db.raw_logs: the raw zone as Firehose writes it (s3://…/raw/YYYY/MM/DD/HH/*.gz, GZIP NDJSON),
-- with the explicit raw schema and partitions year/month/day/hour (strings) — what the seed's Glue
-- crawler made, with names instead of partition_0..3. Partition projection computes the partitions
-- from storage.location.template, so Athena needs neither a crawler nor MSCK REPAIR.
-- Runs on: Athena (DDL, Hive dialect). Replace the bucket; keep the year range tight (a query without
-- a year/month/day filter makes Athena enumerate every projected partition of the range).
-- Tested: CatalogSqlDdlTest runs it on Spark SQL 3.5 with the S3 location replaced by a local
-- folder; Spark ignores the projection.* properties (Athena-only), so there the partitions come
-- from `loglake crawl`, whose table this one must equal (same columns, partitions and SerDe).
-- SerDe: Hive's org.apache.hive.hcatalog.data.JsonSerDe, which Athena, Glue, EMR and the local
-- catalog (hive-hcatalog-core 2.3.9) all run. `timestamp` is reserved in Athena DDL: back-quoted.
CREATE EXTERNAL TABLE IF NOT EXISTS logs_db.raw_logs (
  `timestamp` string,
  `level` string,
  `service` string,
  `message` string,
  `user_id` string,
  `ip` string,
  `event_id` string
)
PARTITIONED BY (`year` string, `month` string, `day` string, `hour` string)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
  OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://de-logs-streaming-yourname/raw/'
TBLPROPERTIES (
  'classification' = 'json',
  'projection.enabled' = 'true',
  'projection.year.type' = 'integer',
  'projection.year.range' = '2025,2035',
  'projection.year.digits' = '4',
  'projection.month.type' = 'integer',
  'projection.month.range' = '1,12',
  'projection.month.digits' = '2',
  'projection.day.type' = 'integer',
  'projection.day.range' = '1,31',
  'projection.day.digits' = '2',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://de-logs-streaming-yourname/raw/${year}/${month}/${day}/${hour}/'
);
