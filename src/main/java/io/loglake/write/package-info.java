/**
 * Where the ETL job's Spark output goes: {@link io.loglake.write.CuratedWriter} (the curated zone,
 * Parquet in {@code dt=…/hr=…} partitions) and {@link io.loglake.write.QuarantineWriter} (the
 * records set aside, JSON lines per run).
 *
 * <p>Not to be confused with the producer's {@link io.loglake.producer.RecordSink}s, which deliver
 * generated log records to a raw zone, Firehose, Kafka or stdout and know nothing of Spark.
 */
package io.loglake.write;
