#!/usr/bin/env bash
# Issue #17's pipeline benchmark: what `lhs run` costs on the default sample (120 trusts x 36 months, 200,000 spells)
#   cold     - into an empty lakehouse, the whole sample landed;
#   rerun    - the same again with nothing new (every stage should say "up to date");
#   newmonth - a lakehouse built (untimed) from the sample without its last month's A&E and RTT files, then that
#              month's two files landed and `lhs run` timed. The spells are one Parquet data set, not split by month,
#              so they are in the landing folder from the start.
# Each timed run is its own JVM under /usr/bin/time -v. One row per run goes to bench/results/pipeline.csv: wall time
# (JVM and Spark start-up included), peak RSS, Spark jobs, tasks and Delta commits summed over the run's stages (from
# gold.pipeline_runs, where the pipeline records them), and the 1-minute load average before and after. Run it on a
# quiet machine (`uptime` near 0) and read the load columns beside every figure.
#
# Usage: bench/pipeline-bench.sh [WORKDIR (default /tmp/pipeline-bench)]
# Environment: KEEP=1 reuses WORKDIR/generated; LHS_JAVA_OPTS (default -Xmx6g); RUNS="cold rerun newmonth".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-/tmp/pipeline-bench}"
RUNS="${RUNS:-cold rerun newmonth}"
RESULTS="$ROOT/bench/results/pipeline.csv"
mkdir -p "$WORK" "$ROOT/bench/results"
"$ROOT/bin/lhs" --version >/dev/null # builds the jar and classpath when the sources changed
CP="$ROOT/jobs/target/lhs-jobs.jar:$(cat "$ROOT/jobs/target/runtime-classpath.txt")"
# shellcheck source=bin/lib/jvm-opens.sh
source "$ROOT/bin/lib/jvm-opens.sh"
code="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo -dirty)"
lhs() {
  # shellcheck disable=SC2086
  java "${OPENS[@]}" -Duser.timezone=UTC -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    ${LHS_JAVA_OPTS:--Xmx6g} -cp "$CP" uk.lhs.jobs.cli.LhsCli "$@"
}
load1() { cut -d' ' -f1 /proc/loadavg; }

if [[ "${KEEP:-0}" != "1" || ! -f "$WORK/generated/MANIFEST.csv" ]]; then
  rm -rf "$WORK/generated"
  lhs generate --out "$WORK/generated" >/dev/null
fi
last="$(ls "$WORK/generated/ae" 2>/dev/null | sed -n 's/^Monthly-AE-\([0-9-]*\)\.csv$/\1/p' | sort | tail -1)"
[[ -n "$last" ]] || { echo "pipeline-bench: no Monthly-AE-*.csv under $WORK/generated/ae" >&2; exit 1; }

[[ -f "$RESULTS" ]] || echo "date,run,wall_s,peak_rss_mb,spark_jobs,spark_tasks,delta_commits,stages_up_to_date,load1_before,load1_after,cores,code" >"$RESULTS"

# timed NAME LAKEHOUSE LANDING: one `lhs run`, its row appended to the results.
timed() {
  local name="$1" lakehouse="$2" landing="$3" tv="$WORK/$1.time" out="$WORK/$1.out" before after
  before="$(load1)"
  /usr/bin/time -v -o "$tv" java "${OPENS[@]}" -Duser.timezone=UTC \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" ${LHS_JAVA_OPTS:--Xmx6g} -cp "$CP" \
    uk.lhs.jobs.cli.LhsCli run --lakehouse "$lakehouse" --conf "lhs.landing=$landing" | tee "$out"
  after="$(load1)"
  local wall rss run_id costs uptodate
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$tv")"
  rss="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tv")"
  run_id="$(sed -n 's/^run \([^ ]*\) .*/\1/p' "$out" | head -1)"
  uptodate="$(grep -c 'up to date' "$out" || true)"
  costs="$(lhs sql --lakehouse "$lakehouse" \
    "SELECT sum(spark_jobs), sum(spark_tasks), sum(delta_commits) FROM (SELECT stage, max_by(spark_jobs, recorded_at) AS spark_jobs, max_by(spark_tasks, recorded_at) AS spark_tasks, max_by(delta_commits, recorded_at) AS delta_commits FROM gold.pipeline_runs WHERE run_id = '$run_id' GROUP BY stage)" \
    | tail -1)"
  echo "$(date -u +%FT%TZ),$name,$wall,$rss,$costs,$uptodate,$before,$after,$(nproc),$code" | tee -a "$RESULTS"
}

for run in $RUNS; do
  case "$run" in
    cold)
      rm -rf "$WORK/lakehouse"
      timed cold "$WORK/lakehouse" "$WORK/generated" ;;
    rerun)
      [[ -d "$WORK/lakehouse" ]] || { echo "pipeline-bench: rerun needs the cold run's lakehouse" >&2; exit 1; }
      timed rerun "$WORK/lakehouse" "$WORK/generated" ;;
    newmonth)
      rm -rf "$WORK/lakehouse-nm" "$WORK/landing-nm"
      cp -r "$WORK/generated" "$WORK/landing-nm"
      mkdir -p "$WORK/held"
      mv "$WORK/landing-nm/ae/Monthly-AE-$last.csv" "$WORK/landing-nm/rtt/RTT-Incomplete-Provider-$last.csv" "$WORK/held/"
      echo "pipeline-bench: building the lakehouse without $last (untimed)"
      lhs run --lakehouse "$WORK/lakehouse-nm" --conf "lhs.landing=$WORK/landing-nm" >/dev/null
      mv "$WORK/held/Monthly-AE-$last.csv" "$WORK/landing-nm/ae/"
      mv "$WORK/held/RTT-Incomplete-Provider-$last.csv" "$WORK/landing-nm/rtt/"
      timed newmonth "$WORK/lakehouse-nm" "$WORK/landing-nm" ;;
    *) echo "pipeline-bench: unknown run $run (cold, rerun, newmonth)" >&2; exit 2 ;;
  esac
done
