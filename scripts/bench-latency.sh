#!/usr/bin/env bash
# Benchmark of issue 10: stream latency at 1,000 events/s, from an event's creation (its event time)
# to its row being readable in the curated table, p50/p95/p99; target p95 <= 10 s from Kafka.
#   scripts/bench-latency.sh [--quick] [--rate N] [--seconds N] [--warm-up-seconds N]
#                            [--source kafka|raw|all] [--format parquet|iceberg|all] [--triggers 10s,2s]
# Scenarios: Kafka (a real broker on 127.0.0.1, in the benchmark's JVM) with both formats, and the
# local raw zone with Parquet, each for every trigger. `loglake produce` and `loglake stream` run as
# child processes through scripts/loglake; an independent reader polls the table every ~200 ms.
# Work in bench/data/latency/ (git-ignored, recreated each run); results in
# bench/results/latency-*.{json,md} (dated, and latency-latest.*). Needs Java 17 and Maven only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "bench: building (mvn package test-compile)..."
mvn -B -q -DskipTests package test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt

BENCH_REVISION="$(git describe --always --dirty 2>/dev/null || echo unknown)"
export BENCH_REVISION AWS_EC2_METADATA_DISABLED=true
exec java @conf/spark-java17.args -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.loglake.bench.LatencyBench "$@"
