-- The two databases of the pipeline: raw_logs lives in logs_db, app_logs_curated in logs_analytics.
-- Runs on: Athena (DDL, Hive dialect) and, unchanged, Spark SQL 3.5 (`loglake query`).
-- Tested: CatalogSqlDdlTest runs it on Spark. `loglake crawl` and `loglake etl` create them too.
CREATE DATABASE IF NOT EXISTS logs_db;
CREATE DATABASE IF NOT EXISTS logs_analytics;
