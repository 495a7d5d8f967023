-- The 20 client IPs with the most errors over the last 7 days (UTC), with how many users.
-- Runs on: Athena engine v3 (Trino) and, unchanged, Spark SQL 3.5 (`loglake query`).
-- Tested: CatalogSqlQueriesTest runs it on Spark against a catalog holding real job output.
SELECT ip, count(*) AS error_count, count(DISTINCT user_id) AS users
FROM logs_analytics.app_logs_curated
WHERE level = 'ERROR' AND dt >= current_date - INTERVAL '7' DAY
GROUP BY ip
ORDER BY error_count DESC, ip
LIMIT 20;
