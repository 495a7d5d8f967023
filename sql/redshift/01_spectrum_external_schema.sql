-- Redshift Spectrum: an external schema over the Glue Data Catalog's logs_analytics database, so
-- Redshift queries the curated Parquet in S3 in place (same table, same partitions as Athena).
-- Runs on: Amazon Redshift only (provisioned or Serverless). Replace the role ARN and the region.
-- Redshift-only, not executed by a test: CREATE EXTERNAL SCHEMA … FROM DATA CATALOG and IAM_ROLE
-- exist only in Redshift, and no Redshift runs locally.
-- `timestamp` is reserved in Redshift: double-quoted. Redshift has date - integer, so the seed's
-- form is valid here; DATEADD keeps it explicit.
CREATE EXTERNAL SCHEMA IF NOT EXISTS logs_spectrum
FROM DATA CATALOG
DATABASE 'logs_analytics'
IAM_ROLE 'arn:aws:iam::123456789012:role/loglake-redshift-spectrum'
REGION 'ap-south-1';

-- Errors by service for yesterday (UTC), through Spectrum.
SELECT service, count(*) AS error_count
FROM logs_spectrum.app_logs_curated
WHERE level = 'ERROR' AND dt = trunc(dateadd(day, -1, getdate()))
GROUP BY service
ORDER BY error_count DESC, service;
