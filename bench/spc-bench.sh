#!/usr/bin/env bash
# Benchmark of the SPC stage's transform (uk.lhs.jobs.bench.SpcBenchmark): synthetic gold.indicator_values generated
# in Spark, charted per series exactly as `lhs spc` does, wall time and points/s printed. Not part of `mvn test`.
#
# Usage: bench/spc-bench.sh [series=100000] [points=60] [master=local[2]] [shuffle-partitions=8]
# Environment: BENCH_XMX (driver heap, default 8g).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -o -q -B -Dstyle.color=never test-compile dependency:build-classpath -pl common,jobs \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2
# Project classes from this checkout; everything else from the resolved test classpath.
DEPS="$(tr ':' '\n' < jobs/target/bench-classpath.txt | grep -v '/uk/lhs/' | paste -sd: -)"
CP="common/target/classes:common/target/test-classes:jobs/target/classes:jobs/target/test-classes:$DEPS"
# Spark 3.5's module flags for Java 17 (the same list as bin/lhs).
# shellcheck source=bin/lib/jvm-opens.sh
source "$ROOT/bin/lib/jvm-opens.sh"
exec java -Xmx"${BENCH_XMX:-8g}" "${OPENS[@]}" -cp "$CP" uk.lhs.jobs.bench.SpcBenchmark "$@"
