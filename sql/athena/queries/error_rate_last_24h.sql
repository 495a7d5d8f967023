-- Error rate of the last 24 hours against all records, from the raw table (the curated one holds
-- only WARN/ERROR, so it cannot give a rate).
-- Runs on: Athena engine v3 (Trino) and, unchanged, Spark SQL 3.5 (`loglake query`).
-- Tested: CatalogSqlQueriesTest runs it on Spark against logs_db.raw_logs registered by `loglake crawl`.
-- Event time is read from the raw string: its first 19 characters (YYYY-MM-DDTHH:MM:SS) with the
-- T made a space cast to a timestamp in both dialects; the producer and Firehose write UTC (`Z`), an
-- offset would be ignored. try_cast (both dialects) turns an unparsable value into NULL, which counts
-- in the totals but not in the last 24 hours. `timestamp` is reserved only in Athena's DDL, not in
-- its SELECT statements, so it stands unquoted here as Spark also accepts.
-- On Athena, add a filter on the year/month/day partitions to bound the scan of a large raw zone.
-- The JSON SerDe fails the whole scan on a malformed line (both engines); the ETL quarantines such
-- lines instead, so when this fails, look in the job's quarantine for the culprit.
WITH records AS (
  SELECT level,
         try_cast(replace(substr(timestamp, 1, 19), 'T', ' ') AS timestamp) AS event_time
  FROM logs_db.raw_logs
)
SELECT sum(CASE WHEN event_time >= current_timestamp - INTERVAL '1' DAY AND upper(level) = 'ERROR'
                THEN 1 ELSE 0 END) AS errors_last_24h,
       sum(CASE WHEN event_time >= current_timestamp - INTERVAL '1' DAY THEN 1 ELSE 0 END) AS records_last_24h,
       round(100.0 * sum(CASE WHEN event_time >= current_timestamp - INTERVAL '1' DAY AND upper(level) = 'ERROR'
                              THEN 1 ELSE 0 END)
             / nullif(sum(CASE WHEN event_time >= current_timestamp - INTERVAL '1' DAY THEN 1 ELSE 0 END), 0),
             2) AS error_pct_last_24h,
       sum(CASE WHEN upper(level) = 'ERROR' THEN 1 ELSE 0 END) AS errors_all,
       count(*) AS records_all,
       round(100.0 * sum(CASE WHEN upper(level) = 'ERROR' THEN 1 ELSE 0 END) / nullif(count(*), 0), 2)
         AS error_pct_all
FROM records;
