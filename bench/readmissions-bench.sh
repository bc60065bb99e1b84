#!/usr/bin/env bash
# Scale benchmark for issue #9 (on demand, not in CI): for each size N, generate N synthetic spells, time the spells
# ingest, then time the NHS OF 3b 30-day readmission counts per trust-month three ways over the SAME Parquet files
# (silver.spells exported once): Spark (uk.lhs.common.spells.Readmissions, as `lhs indicators` uses it), DuckDB
# (SQL written from the specification) and a floor (Spark reading only the needed columns). Checks that Spark and
# DuckDB agree on every trust-month, fits the log-log scaling exponent, and appends to bench/results/*.csv.
#
# Usage: bench/readmissions-bench.sh [N ...]   (default: 1000000 5000000 20000000)
# Environment: WORK (default /tmp/lhs-readm-bench), BENCH_HEAP (default -Xmx6g), KEEP=1 to reuse generated data,
# STEPS (default "ingest export scan spark duckdb"): a subset re-times those steps on an earlier run's Parquet
# export (e.g. STEPS="spark duckdb" KEEP=1 after a change to the readmission logic).
# Each step is its own JVM under /usr/bin/time -v: wall time includes JVM and Spark start-up; "seconds" is the
# step alone, measured inside the JVM. The load average is recorded beside every figure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/lhs-readm-bench}"
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000000 5000000 20000000)
cd "$ROOT"
"$ROOT/bin/lhs" --version >/dev/null
# shellcheck source=test-classpath.sh
source "$ROOT/bench/test-classpath.sh"
grep -q duckdb_jdbc <<<"$TEST_CP" || { echo "bench: duckdb_jdbc missing from the jobs test classpath" >&2; exit 1; }
export LHS_TEST_JAVA_OPTS="${BENCH_HEAP:--Xmx6g}"
mkdir -p "$WORK" "$ROOT/bench/results"
RESULTS="$ROOT/bench/results/readmissions.csv"
[[ -f "$RESULTS" ]] || echo "date,spells,step,seconds,wall_s,peak_rss_mb,rows_per_s,load1_before,load1_after,cores,code" > "$RESULTS"
AGREE="$ROOT/bench/results/readmissions-agreement.csv"
[[ -f "$AGREE" ]] || echo "date,spells,trust_months,denominator_total,readmissions_total,differing_trust_months,code" > "$AGREE"
# The code measured: the commit, marked +dirty when the work tree has uncommitted changes outside bench/results.
CODE="$(git -C "$ROOT" rev-parse --short HEAD)"
[[ -z "$(git -C "$ROOT" status --porcelain -- . ':!bench/results')" ]] || CODE="$CODE+dirty"

step() { # N NAME ARGS... : one timed JVM; appends a results row
  local n="$1" name="$2"; shift 2
  local load0 out tv
  load0=$(cut -d' ' -f1 /proc/loadavg)
  out="$WORK/$name-$n.out"; tv="$WORK/$name-$n.time"
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$tv" java "${OPENS[@]}" -Duser.timezone=UTC \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" $LHS_TEST_JAVA_OPTS -cp "$TEST_CP" \
    uk.lhs.jobs.bench.ReadmissionsBench "$@" >"$out" 2>"$WORK/$name-$n.err" \
    || { tail -20 "$WORK/$name-$n.err" >&2; echo "bench: step $name failed" >&2; exit 1; }
  local res secs rps wall rss
  res=$(grep '^RESULT' "$out")
  secs=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$res"); rps=$(sed 's/.*rows_per_s=\([0-9]*\).*/\1/' <<<"$res")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tv")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tv")
  echo "$(date -u +%FT%TZ),$n,$name,$secs,$wall,$rss,$rps,$load0,$(cut -d' ' -f1 /proc/loadavg),$(nproc),$CODE" | tee -a "$RESULTS"
}

STEPS=" ${STEPS:-ingest export scan spark duckdb} "
wants() { [[ "$STEPS" == *" $1 "* ]]; }
for n in "${SIZES[@]}"; do
  gen="$WORK/gen-$n"; landing="$WORK/landing-$n"; lh="$WORK/lakehouse-$n"; pq="$WORK/spells-$n.parquet"
  if wants ingest || wants export; then
    if [[ "${KEEP:-0}" != 1 || ! -d "$landing/spells" ]]; then
      rm -rf "$gen" "$landing"
      "$ROOT/bin/lhs" generate --out "$gen" --spells "$n" >/dev/null
      mkdir -p "$landing" && mv "$gen/spells" "$landing/spells" && rm -rf "$gen"
    fi
    rm -rf "$lh" "$pq"
    step "$n" ingest ingest "$lh" "$landing"
    step "$n" export export "$lh" "$pq"
  elif [[ ! -d "$pq" ]]; then
    echo "bench: $pq is missing: run the ingest and export steps for $n spells first" >&2; exit 1
  fi
  if wants scan; then step "$n" scan scan "$pq"; fi
  if wants spark; then step "$n" spark spark "$pq" "$WORK/counts-spark-$n.csv"; fi
  if wants duckdb; then step "$n" duckdb duckdb "$pq" "$WORK/counts-duckdb-$n.csv"; fi
  if wants spark && wants duckdb; then
    differing=$(diff <(tail -n +2 "$WORK/counts-spark-$n.csv") <(tail -n +2 "$WORK/counts-duckdb-$n.csv") \
      | grep -c '^<' || true)
    awk -F, -v d="$(date -u +%FT%TZ)" -v n="$n" -v diff="$differing" -v code="$CODE" 'NR>1 {tm++; den+=$3; num+=$4}
      END {printf "%s,%s,%d,%d,%d,%d,%s\n", d, n, tm, den, num, diff, code}' "$WORK/counts-spark-$n.csv" | tee -a "$AGREE"
  fi
  rm -rf "$lh"   # keep the Parquet export (KEEP=1 reruns skip generation, not the steps)
done

# Scaling exponent: least-squares slope of log(seconds) on log(spells), per step, over this invocation's sizes and
# steps (each size's latest row).
SCALING="$ROOT/bench/results/readmissions-scaling.csv"
[[ -f "$SCALING" ]] || echo "date,step,sizes,exponent,code" > "$SCALING"
tail -n +2 "$RESULTS" | awk -F, -v sizes="${SIZES[*]}" -v steps="$STEPS" -v code="$CODE" -v d="$(date -u +%FT%TZ)" '
  BEGIN { split(sizes, s, " "); for (i in s) want[s[i]] = 1; split(steps, t, " "); for (i in t) stepped[t[i]] = 1 }
  want[$2] && stepped[$3] { last[$3 "," $2] = $4 }
  END {
    for (k in last) { split(k, p, ","); st = p[1]; x = log(p[2]); y = log(last[k]);
      n[st]++; sx[st] += x; sy[st] += y; sxx[st] += x * x; sxy[st] += x * y }
    for (st in n) if (n[st] > 1)
      printf "%s,%s,%s,%.3f,%s\n", d, st, sizes, (n[st] * sxy[st] - sx[st] * sy[st]) / (n[st] * sxx[st] - sx[st] * sx[st]),
        code
  }' | tee -a "$SCALING"
