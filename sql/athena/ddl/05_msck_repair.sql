-- Registers every dt=…/hr=… folder under the curated table's location as a partition. Not needed
-- after `loglake etl` (it registers what it writes) nor with 04_app_logs_curated_projected.sql;
-- useful when files were copied in by other means.
-- Runs on: Athena and, unchanged, Spark SQL 3.5 (`loglake query`).
-- Tested: CatalogSqlDdlTest runs it on the table of 03_app_logs_curated.sql over real job output and
-- checks it registers exactly the partitions the job wrote.
MSCK REPAIR TABLE logs_analytics.app_logs_curated;
