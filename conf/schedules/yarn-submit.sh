#!/usr/bin/env bash
# Submit the scheduled run to YARN (Spark 3.5 distribution on the gateway node; HADOOP_CONF_DIR set).
# The driver runs in the cluster (deploy-mode cluster), so the configuration, reference data, indicator catalogue
# and interventions register are shipped with --files / --archives and found in the container's working directory.
# Every flag below is a documented spark-submit option or Spark 3.5 property.
set -euo pipefail
LHS_JAR="${LHS_JAR:-jobs/target/lhs-jobs-cluster.jar}"   # mvn -B -DskipTests package
# Optional YYYY-MM: recompute only that month after ingest. The schedules pass none (README.md, "Publication calendar").
PERIOD="${1:-}"
PERIOD_ARGS=()
[ -n "$PERIOD" ] && PERIOD_ARGS=(--period "$PERIOD")
tar -C conf -czf /tmp/lhs-conf.tgz reference indicators interventions.yaml
spark-submit \
  --master yarn \
  --deploy-mode cluster \
  --name "lhs-run${PERIOD:+-$PERIOD}" \
  --queue analytics \
  --class uk.lhs.jobs.cli.LhsCli \
  --driver-memory 4g \
  --driver-cores 1 \
  --num-executors 8 \
  --executor-cores 4 \
  --executor-memory 8g \
  --files conf/cluster.conf \
  --archives /tmp/lhs-conf.tgz#lhsconf \
  --conf spark.yarn.maxAppAttempts=1 \
  --conf spark.sql.adaptive.enabled=true \
  --conf spark.driver.extraJavaOptions=-Duser.timezone=UTC \
  --conf spark.executor.extraJavaOptions=-Duser.timezone=UTC \
  "$LHS_JAR" run ${PERIOD_ARGS[@]+"${PERIOD_ARGS[@]}"} --config cluster.conf \
    --conf lhs.reference-dir=lhsconf/reference \
    --conf lhs.indicators-dir=lhsconf/indicators \
    --conf lhs.interventions=lhsconf/interventions.yaml
# spark.yarn.maxAppAttempts=1: a second attempt would start the same stages again while the first attempt's record
# is still 'running'; the scheduler's retry (below, in airflow_lhs.py / cron) is the one place retries happen.
