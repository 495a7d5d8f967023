-- The 20 users with the most errors over the last 7 days (UTC), with how many IPs and services.
-- Runs on: Athena engine v3 (Trino) and, unchanged, Spark SQL 3.5 (`loglake query`).
-- Tested: CatalogSqlQueriesTest runs it on Spark against a catalog holding real job output.
SELECT user_id, count(*) AS error_count, count(DISTINCT ip) AS ips, count(DISTINCT service) AS services
FROM logs_analytics.app_logs_curated
WHERE level = 'ERROR' AND dt >= current_date - INTERVAL '7' DAY
GROUP BY user_id
ORDER BY error_count DESC, user_id
LIMIT 20;
