-- Loads the curated zone into a native Redshift table with COPY … FORMAT AS PARQUET.
-- Runs on: Amazon Redshift only. Replace the bucket, the prefix to load and the role ARN.
-- Redshift-only, not executed by a test: COPY from S3 with IAM_ROLE exists only in Redshift, and
-- no Redshift runs locally.
-- COPY maps Parquet columns by position and needs exactly as many columns as the files hold; the
-- partition values dt/hr live in the folder names, not the files, so COPY goes into a staging table
-- of the 8 file columns and dt/hr are derived from ts (the job sets dt/hr as ts's UTC date and hour).
-- Load one partition at a time (…/curated/dt=2025-11-09/hr=10/) to load each run once.
-- `timestamp` is reserved in Redshift: double-quoted.
CREATE SCHEMA IF NOT EXISTS loglake;

CREATE TABLE IF NOT EXISTS loglake.app_logs (
  "timestamp" VARCHAR(64),
  level       VARCHAR(16),
  service     VARCHAR(256),
  message     VARCHAR(4096),
  user_id     VARCHAR(256),
  ip          VARCHAR(64),
  ts          TIMESTAMP,
  event_id    VARCHAR(64),
  dt          DATE,
  hr          SMALLINT
)
DISTSTYLE AUTO
SORTKEY (dt, hr);

CREATE TEMP TABLE app_logs_stage (
  "timestamp" VARCHAR(64),
  level       VARCHAR(16),
  service     VARCHAR(256),
  message     VARCHAR(4096),
  user_id     VARCHAR(256),
  ip          VARCHAR(64),
  ts          TIMESTAMP,
  event_id    VARCHAR(64)
);

COPY app_logs_stage
FROM 's3://de-logs-streaming-yourname/curated/dt=2025-11-09/'
IAM_ROLE 'arn:aws:iam::123456789012:role/loglake-redshift-copy'
FORMAT AS PARQUET;

INSERT INTO loglake.app_logs
SELECT "timestamp", level, service, message, user_id, ip, ts, event_id,
       trunc(ts) AS dt, extract(hour FROM ts) AS hr
FROM app_logs_stage;
