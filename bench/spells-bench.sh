#!/usr/bin/env bash
# Measures the patient-level spell pipeline: generate N synthetic spells, ingest them (bronze.spells, silver.spells,
# silver.quarantine) and compute silver.spell_measures, reporting rows/s and wall times.
#
# Usage: bench/spells-bench.sh [SPELLS (default 10000000)] [WORKDIR (default /tmp/spells-bench)]
# Environment: LHS_JAVA_OPTS (default -Xmx6g), SPARK_MASTER (default local[2]: the 2-core measurement), KEEP=1 to
# reuse already generated data in WORKDIR/landing.
# Runs the classes of this worktree (common/target/classes, jobs/target/classes), not the jar in ~/.m2, so a
# concurrent `mvn install` elsewhere cannot change the code under measurement. Build first:
#   mvn -o -q -B install -DskipTests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPELLS="${1:-10000000}"
WORK="${2:-/tmp/spells-bench}"
MASTER="${SPARK_MASTER:-local[2]}"
mkdir -p "$WORK"
if [[ ! -f "$ROOT/jobs/target/runtime-classpath.txt" ]]; then
  (cd "$ROOT" && mvn -o -q -B dependency:build-classpath -pl jobs -Dmdep.includeScope=compile \
      -Dmdep.outputFile=target/runtime-classpath.txt)
fi
DEPS="$(tr ':' '\n' < "$ROOT/jobs/target/runtime-classpath.txt" | grep -v '/uk/lhs/' | paste -sd: -)"
CP="$ROOT/jobs/target/classes:$ROOT/common/target/classes:$DEPS"
# shellcheck source=bin/lib/jvm-opens.sh
source "$ROOT/bin/lib/jvm-opens.sh"
lhs() {
  # shellcheck disable=SC2086
  java "${OPENS[@]}" -Duser.timezone=UTC -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    ${LHS_JAVA_OPTS:--Xmx6g} -cp "$CP" uk.lhs.jobs.cli.LhsCli "$@"
}
now() { date +%s.%N; }

if [[ "${KEEP:-0}" != "1" || ! -d "$WORK/landing/spells" ]]; then
  rm -rf "$WORK/generated" "$WORK/landing"
  t0=$(now)
  lhs generate --out "$WORK/generated" --spells "$SPELLS"
  t1=$(now)
  echo "generate: $SPELLS spells in $(echo "$t1 - $t0" | bc) s"
  # Only the spells are landed, so the ingest time is the spells' own.
  mkdir -p "$WORK/landing" && mv "$WORK/generated/spells" "$WORK/landing/spells"
fi
rm -rf "$WORK/lakehouse"
bench() {
  # shellcheck disable=SC2086
  java "${OPENS[@]}" -Duser.timezone=UTC -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    ${LHS_JAVA_OPTS:--Xmx6g} -cp "$CP" "$ROOT/bench/SpellsBench.java" "$1" "$WORK/lakehouse" "$WORK/landing" "$MASTER"
}
# The machine may be shared: print the load average beside every figure (1, 5, 15 min).
echo "load average before ingest: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
bench ingest
t1=$(now)
echo "ingest wall incl. JVM/Spark start: $(echo "$t1 - $t0" | bc) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
bench measures
t1=$(now)
echo "spell-measures wall incl. JVM/Spark start: $(echo "$t1 - $t0" | bc) s"
