"""loglake's hourly run on Amazon MWAA (written for Airflow 2.10 with the Amazon provider).

Every hour, a quarter past (Firehose has flushed the last hour's buffers by then):
  1. run_etl      starts the stack's Glue job loglake-etl (an ``etl --incremental`` run), with a
                  run report of its own under the bucket's state/reports/airflow/;
  2. wait_for_etl waits for the Glue run to end (GlueJobSensor; FAILED/TIMEOUT fail it);
  3. check_quality reads the run report and fails on a quarantine rate above the limit or counts
                  that do not add up (loglake_quality.py, beside this file).
A task that fails after its retries publishes an alert to the SNS topic (the stack's
AlertTopicArn output). catchup is off and one run at a time: an incremental run reads whatever
arrived since the last one, so a missed hour is caught up by the next run, never by a backfill.

Airflow Variables (Admin > Variables):
  loglake_bucket                the stack's bucket (BucketName parameter)
  loglake_alert_topic_arn       the stack's AlertTopicArn output
  loglake_max_quarantine_rate   optional, default 0.05 (5% of the records read)

Use either this DAG or the stack's scheduled Glue trigger, not both: the job allows one run at a
time (MaxConcurrentRuns 1), so the second start of an hour would fail.
"""

import json
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.decorators import task
from airflow.exceptions import AirflowFailException
from airflow.models import Variable
from airflow.providers.amazon.aws.hooks.s3 import S3Hook
from airflow.providers.amazon.aws.hooks.sns import SnsHook
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator
from airflow.providers.amazon.aws.sensors.glue import GlueJobSensor

import loglake_quality

GLUE_JOB = "loglake-etl"
REPORT_PREFIX = "state/reports/airflow/"


def alert_on_failure(context):
    """on_failure_callback: one SNS message naming the DAG run, the task and the error."""
    ti = context["task_instance"]
    message = (
        "loglake: task %s of DAG %s failed (run %s, try %s).\nError: %s\nLog: %s"
        % (
            ti.task_id,
            ti.dag_id,
            context.get("run_id"),
            ti.try_number,
            context.get("exception"),
            getattr(ti, "log_url", ""),
        )
    )
    SnsHook().publish_to_target(
        target_arn=Variable.get("loglake_alert_topic_arn"),
        message=message,
        subject="loglake %s failed" % ti.task_id,
    )


default_args = {
    "owner": "loglake",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "on_failure_callback": alert_on_failure,
}

with DAG(
    dag_id="loglake_hourly",
    description="loglake etl --incremental on Glue, then a data-quality check of its run report",
    schedule="15 * * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=55),
    default_args=default_args,
    tags=["loglake"],
) as dag:
    # Glue merges these run arguments over the job's DefaultArguments: only the report moves.
    run_etl = GlueJobOperator(
        task_id="run_etl",
        job_name=GLUE_JOB,
        script_args={
            "--report": "s3://{{ var.value.loglake_bucket }}/"
            + REPORT_PREFIX
            + "{{ ts_nodash }}.json",
        },
        # The sensor waits, in reschedule mode: no worker slot is held for the run's length.
        wait_for_completion=False,
    )

    wait_for_etl = GlueJobSensor(
        task_id="wait_for_etl",
        job_name=GLUE_JOB,
        run_id=run_etl.output,
        poke_interval=60,
        timeout=50 * 60,
        mode="reschedule",
        # A FAILED or TIMEOUT run stays so: retrying the wait would only delay the alert.
        retries=0,
    )

    @task(task_id="check_quality", retries=1)
    def check_quality(bucket, max_quarantine_rate, ts_nodash=None):
        key = REPORT_PREFIX + ts_nodash + ".json"
        report = json.loads(S3Hook().read_key(key=key, bucket_name=bucket))
        try:
            notes = loglake_quality.check(report, float(max_quarantine_rate))
        except loglake_quality.QualityError as e:
            # No retry: the report will say the same next time.
            raise AirflowFailException("s3://%s/%s: %s" % (bucket, key, e)) from e
        for note in notes:
            print(note)

    quality = check_quality(
        bucket="{{ var.value.loglake_bucket }}",
        max_quarantine_rate="{{ var.value.get('loglake_max_quarantine_rate', '%s') }}"
        % loglake_quality.DEFAULT_MAX_QUARANTINE_RATE,
    )

    run_etl >> wait_for_etl >> quality
