-- WARN and ERROR records per service per hour over the last 7 days (UTC).
-- Runs on: Athena engine v3 (Trino) and, unchanged, Spark SQL 3.5 (`loglake query`).
-- Tested: CatalogSqlQueriesTest runs it on Spark against a catalog holding real job output.
-- SUM(CASE …) rather than count_if or FILTER: the one form both dialects share.
SELECT dt, hr, service,
       sum(CASE WHEN level = 'WARN' THEN 1 ELSE 0 END) AS warn_count,
       sum(CASE WHEN level = 'ERROR' THEN 1 ELSE 0 END) AS error_count
FROM logs_analytics.app_logs_curated
WHERE dt >= current_date - INTERVAL '7' DAY
GROUP BY dt, hr, service
ORDER BY dt, hr, service;
