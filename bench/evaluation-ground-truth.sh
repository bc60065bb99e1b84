#!/usr/bin/env bash
# Ground-truth benchmark of the evaluation stage (run on demand, not part of the build).
# Generates SEEDS synthetic data sets (seeds 42, 43, ...), evaluates each register with the Spark transform
# (uk.lhs.common.evalstage) and compares with truth/intervention_effects.csv: 95% CI coverage of the true effect by
# ITS, DiD and synthetic control on the clean cases, "change detected" on null interventions, and the share of
# rtm / concurrent / secular cases flagged with the matching caveat. Targets: coverage >= 90%, false detection
# <= 10%, induced caveats flagged >= 90% (asserted once there are >= 20 clean cases).
# Usage: bench/evaluation-ground-truth.sh [SEEDS]   (default 10; about 1-2 minutes per seed on a laptop)
# Report: common/target/evaluation-ground-truth.txt
# Measured 2026-11-23 with 8 seeds (42-49): ITS coverage 26/32 (81%), DiD 26/32 (81%), synthetic control 25/32
# (78%) - below the 90% target, so this run exits non-zero; change detected on null 0/8; REGRESSION_TO_MEAN 8/8,
# CONCURRENT_INTERVENTION 16/16, SECULAR_TREND 8/8. Misses are narrow intervals just off the injected value (e.g.
# rtt_52wk -0.0120 vs [-0.0148, -0.0122]; ae_4hr_all whose truth is the type 1 shift x an approximate type 1 share)
# and a few series with a pre-trend or diverging comparators.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-10}"
cd "$ROOT"
mvn -o -q -B -Dstyle.color=never test -pl common -Dtest='uk.lhs.common.evalstage.GroundTruthTest' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dlhs.groundtruth.seeds="$SEEDS" || status=$?
cat common/target/evaluation-ground-truth.txt
exit "${status:-0}"
