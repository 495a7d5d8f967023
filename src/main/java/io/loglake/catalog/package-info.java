/**
 * The catalog side of loglake: tables and partitions. Running and printing the SQL users run
 * against them is {@link io.loglake.query}.
 *
 * <ul>
 *   <li>{@link io.loglake.catalog.CuratedTableRegistrar}: after each ETL run, the curated table and
 *       exactly the partitions written, in the Spark session's catalog.
 *   <li>{@link io.loglake.catalog.RawLogsCrawler}: the Glue crawler's job for the raw zone, into a
 *       {@link io.loglake.catalog.RawTableCatalog} — the session's catalog through Spark SQL, or
 *       the Glue Data Catalog API.
 * </ul>
 */
package io.loglake.catalog;
