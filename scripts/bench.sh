#!/usr/bin/env bash
# Benchmark of issues 5 and 12: loglake etl (A; A-iceberg: --format iceberg; A-incremental: one new hour
# on a curated day) against the seed's job in Java Spark (B) and DuckDB (C; C-hour: on the new hour), on
# the same generated data, with and without event_id, interleaved for several rounds; checks the rows.
#   scripts/bench.sh [--scale 6m|30m|all] [--dataset event-id|no-event-id|both] [--rounds N]
#                    [--rounds-30m N] [--records N]
# Data is generated once into bench/data/ (git-ignored); results go to bench/results/ (JSON and
# Markdown, dated, and latest.*). Needs Java 17 and Maven only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "bench: building (mvn package test-compile)..."
mvn -B -q -DskipTests package test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
# The launcher's class-data sharing archive describes the jar it was recorded with; the build above
# made a new jar, so remove it as the launcher does after it builds (the warm-up run records it anew).
rm -f target/loglake-cds.jsa

BENCH_REVISION="$(git describe --always --dirty 2>/dev/null || echo unknown)"
export BENCH_REVISION
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.loglake.bench.Bench "$@"
