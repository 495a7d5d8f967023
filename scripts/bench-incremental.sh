#!/usr/bin/env bash
# Benchmark of issue 10: one new arrival hour processed by `loglake etl --incremental` on top of 1 day
# and on top of 30 days of raw history, for each table format (parquet, iceberg), interleaved for
# several rounds; target: the 30-day run costs at most 1.5x the 1-day run.
#   scripts/bench-incremental.sh [--quick] [--rounds N] [--records-per-hour N] [--days N]
#                                [--history-step HOURS] [--format parquet|iceberg|all]
# The histories are generated and built once into bench/data/incremental/ (git-ignored) and reused;
# results go to bench/results/incremental-*.{json,md} (dated, and incremental-latest.*).
# Needs Java 17, Maven and GNU cp (hard links) only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "bench: building (mvn package test-compile)..."
mvn -B -q -DskipTests package test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
# The launcher's class-data sharing archive describes the jar it was recorded with (see bench.sh).
rm -f target/loglake-cds.jsa

BENCH_REVISION="$(git describe --always --dirty 2>/dev/null || echo unknown)"
export BENCH_REVISION
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.loglake.bench.IncrementalBench "$@"
