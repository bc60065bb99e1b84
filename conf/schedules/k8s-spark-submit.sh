#!/usr/bin/env bash
# Submit the scheduled run to Kubernetes with spark-submit (Spark 3.5 native Kubernetes scheduler, cluster mode).
# The image is a Spark 3.5.7 image with the cluster jar and conf/ copied in, e.g.
#   FROM apache/spark:3.5.7-java17
#   COPY jobs/target/lhs-jobs-cluster.jar /opt/lhs/lhs-jobs-cluster.jar
#   COPY conf /opt/lhs/conf
#   WORKDIR /opt/lhs
# (Build on a Java 17 base: the project is compiled for Java 17.)
set -euo pipefail
K8S_API="${K8S_API:?set K8S_API to https://<api-server-host>:<port>}"
# Optional YYYY-MM: recompute only that month after ingest. The schedules pass none (README.md, "Publication calendar").
PERIOD="${1:-}"
PERIOD_ARGS=()
[ -n "$PERIOD" ] && PERIOD_ARGS=(--period "$PERIOD")
spark-submit \
  --master "k8s://$K8S_API" \
  --deploy-mode cluster \
  --name lhs-run \
  --class uk.lhs.jobs.cli.LhsCli \
  --conf spark.kubernetes.namespace=lhs \
  --conf spark.kubernetes.container.image=registry.example.nhs.uk/lhs/lhs-lakehouse:0.1.0 \
  --conf spark.kubernetes.container.image.pullPolicy=IfNotPresent \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=lhs-spark \
  --conf spark.kubernetes.driver.secretKeyRef.AZURE_STORAGE_KEY=lhs-storage:key \
  --conf spark.kubernetes.executor.secretKeyRef.AZURE_STORAGE_KEY=lhs-storage:key \
  --conf spark.executor.instances=4 \
  --conf spark.executor.cores=2 \
  --conf spark.executor.memory=6g \
  --conf spark.driver.memory=3g \
  --conf spark.driver.extraJavaOptions=-Duser.timezone=UTC \
  --conf spark.executor.extraJavaOptions=-Duser.timezone=UTC \
  --conf spark.kubernetes.submission.waitAppCompletion=true \
  local:///opt/lhs/lhs-jobs-cluster.jar run ${PERIOD_ARGS[@]+"${PERIOD_ARGS[@]}"} --config /opt/lhs/conf/cluster.conf \
    --conf lhs.reference-dir=/opt/lhs/conf/reference \
    --conf lhs.indicators-dir=/opt/lhs/conf/indicators \
    --conf lhs.interventions=/opt/lhs/conf/interventions.yaml
