#!/usr/bin/env bash
# Ground-truth benchmark of gold.learning (run on demand, not part of the build; no Spark).
# Generates SEEDS synthetic data sets (seeds 42, 43, ...) whose register has a learning cohort of 9 trusts of one
# intervention type with site effects theta_i ~ N(mu = 0.03, tau = 0.015) on rtt_18wk (truth/learning.csv), evaluates
# each site with the pure InterventionEvaluator (ITS, DiD, synthetic control), pools them with the project's
# meta-analysis (REML default; REML + Hartung-Knapp and DL reported too) and reports how often the pooled 95% interval
# covers mu and the 95% prediction interval covers each site's true effect. Targets (asserted with >= 20 seeds):
# REML coverage of mu >= 90%; prediction-interval coverage within two binomial SEs of 95%.
# Usage: bench/learning-ground-truth.sh [SEEDS]   (default 20; about 15-25 s per seed)
# Report: common/target/learning-ground-truth.txt
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-20}"
cd "$ROOT"
# An integration test (*IT) run alone by Surefire: naming it in -Dtest overrides the *Test pattern.
mvn -o -q -B -Dstyle.color=never test -pl common -Dtest='uk.lhs.common.evaluation.learning.LearningGroundTruthIT' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true -Dlhs.learning.seeds="$SEEDS" || status=$?
cat common/target/learning-ground-truth.txt
exit "${status:-0}"
