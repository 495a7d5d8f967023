-- Errors by service for yesterday (UTC): the seed's sample query, fixed.
-- Runs on: Athena engine v3 (Trino) and, unchanged, Spark SQL 3.5 (`loglake query`, `loglake demo`).
-- Tested: CatalogSqlQueriesTest runs it on Spark against a catalog holding real job output.
-- The seed wrote `dt = current_date - 1`, which Trino rejects (no date - integer); date minus an
-- INTERVAL is valid in both dialects and keeps the filter on the partition column (pruning).
SELECT service, count(*) AS error_count
FROM logs_analytics.app_logs_curated
WHERE level = 'ERROR' AND dt = current_date - INTERVAL '1' DAY
GROUP BY service
ORDER BY error_count DESC, service;
