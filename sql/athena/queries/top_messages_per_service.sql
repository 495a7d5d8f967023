-- The 5 most frequent WARN/ERROR messages of each service over the last 7 days (UTC).
-- Runs on: Athena engine v3 (Trino) and, unchanged, Spark SQL 3.5 (`loglake query`).
-- Tested: CatalogSqlQueriesTest runs it on Spark against a catalog holding real job output.
-- Ties are broken by the message text, so the result is the same on every engine.
SELECT service, message, occurrences
FROM (
  SELECT service, message, count(*) AS occurrences,
         row_number() OVER (PARTITION BY service ORDER BY count(*) DESC, message) AS message_rank
  FROM logs_analytics.app_logs_curated
  WHERE dt >= current_date - INTERVAL '7' DAY
  GROUP BY service, message
) ranked
WHERE message_rank <= 5
ORDER BY service, occurrences DESC, message;
