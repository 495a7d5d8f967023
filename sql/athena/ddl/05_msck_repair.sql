-- Registers every dt=…/hr=… folder under the curated table's location as a partition. Not needed
-- after `loglake etl` (it registers what it writes) nor with 04_app_logs_curated_projected.sql;
-- useful when files were copied in by other means.
-- Runs on: Athena and, unchanged, Spark SQL 3.5 (`loglake query`).
-- Tested: CatalogSqlFilesTest drops a registered partition and checks that this brings it back.
MSCK REPAIR TABLE logs_analytics.app_logs_curated;
