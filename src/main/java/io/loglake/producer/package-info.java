/**
 * The synthetic log producer: a deterministic {@link io.loglake.producer.LogGenerator} and the
 * {@link io.loglake.producer.RecordSink}s it sends to.
 *
 * <p>{@link io.loglake.producer.LocalRawZoneSink} writes the raw zone the way Kinesis Data Firehose
 * delivers to S3 (buffered, GZIP, {@code YYYY/MM/DD/HH/<stream>-1-<time>-<uuid>.gz} by arrival
 * time); {@link io.loglake.producer.LogProducer#produceLocal} is the one-call entry for code that
 * needs a raw zone (the demo, tests, benchmarks). Nothing here depends on Spark.
 */
package io.loglake.producer;
