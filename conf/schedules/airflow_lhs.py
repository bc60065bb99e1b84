"""Airflow DAG for the monthly LHS Lakehouse run (Airflow 2.x, apache-airflow-providers-apache-spark).

One task per stage, so a failed stage is retried on its own; each `lhs <stage>` is recorded in gold.pipeline_runs.
max_active_runs=1 keeps two schedules from overlapping. The spark_default connection points at the cluster
(YARN here: host "yarn", extra {"deploy-mode": "cluster"}).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

LHS_JAR = "/opt/lhs/jobs/target/lhs-jobs-cluster.jar"
LHS_ARGS = [
    "--config", "cluster.conf",
    "--conf", "lhs.reference-dir=lhsconf/reference",
    "--conf", "lhs.indicators-dir=lhsconf/indicators",
    "--conf", "lhs.interventions=lhsconf/interventions.yaml",
]

with DAG(
    dag_id="lhs_lakehouse_monthly",
    # 12:00 UTC on the second Thursday (croniter's "4#2"): NHS England publishes A&E for the previous month and RTT for
    # the month before at 09:30 UK time that day (README.md, "Publication calendar").
    schedule="0 12 * * 4#2",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
) as dag:
    previous = None
    for stage in ["ingest", "indicators", "spc", "evaluate"]:
        task = SparkSubmitOperator(
            task_id=f"lhs_{stage}",
            conn_id="spark_default",
            application=LHS_JAR,
            java_class="uk.lhs.jobs.cli.LhsCli",
            name=f"lhs-{stage}",
            # No --period: a publication day brings two months (A&E and RTT) and revisions of earlier ones.
            application_args=[stage, *LHS_ARGS],
            files="/opt/lhs/conf/cluster.conf",
            archives="/opt/lhs/lhs-conf.tgz#lhsconf",
            num_executors=8,
            executor_cores=4,
            executor_memory="8g",
            driver_memory="4g",
            conf={
                "spark.yarn.maxAppAttempts": "1",
                "spark.sql.adaptive.enabled": "true",
                "spark.driver.extraJavaOptions": "-Duser.timezone=UTC",
                "spark.executor.extraJavaOptions": "-Duser.timezone=UTC",
            },
        )
        if previous is not None:
            previous >> task
        previous = task
