#!/usr/bin/env bash
# Deploys loglake to AWS: builds the Glue jar, uploads it and the Glue script to the stack's bucket,
# creates or updates the CloudFormation stack (jobs/cloudformation/loglake-stack.yaml) and, with
# --run, starts one run of the job. --dry-run prints every AWS CLI call, one per line, ready to
# paste, instead of making it: nothing is built and no aws CLI is needed.
#
# The jar lives in the stack's own bucket, which the stack creates, so a new stack is deployed in
# two steps: first without the Glue job (DeployGlueJob=false: bucket, Firehose, catalog, alerts),
# then, once the jar and the script are uploaded, with it. An existing stack (describe-stacks
# finds it) skips the first step, so an update never removes the job.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
template="$root/jobs/cloudformation/loglake-stack.yaml"
glue_jar="$root/target/loglake-glue.jar"
glue_script="$root/jobs/glue/LoglakeGlueJob.scala"

usage() {
  cat <<'EOF'
Usage: scripts/deploy.sh --bucket BUCKET --region REGION [options]
Builds loglake, uploads the Glue jar and script to s3://BUCKET/jars/ and s3://BUCKET/scripts/,
creates or updates the CloudFormation stack, and optionally starts a run of the Glue job.

  --bucket BUCKET        the data bucket the stack creates and owns (S3 bucket name rules)
  --region REGION        the AWS region of the stack, e.g. eu-west-1 (the stack's AWS::Region)
  --stack-name NAME      the stack's name (default: loglake), at most 53 characters: the Glue job
                         is NAME-etl, the Firehose stream NAME-log-stream (64 at most)
  --alarm-email ADDRESS  where job failures and alarms are mailed (needed when the stack is created;
                         an update keeps the previous address unless given)
  --schedule CRON        when the hourly job runs, a Glue cron expression in UTC
                         (default: the template's, 'cron(5 * * * ? *)')
  --run                  start one run of the Glue job once the stack is deployed
  --dry-run              print every AWS CLI call instead of running it; builds nothing
  -h, --help             this help
Credentials: the AWS CLI's own (environment, profile, SSO, instance role).
EOF
}

bad_usage() {
  echo "deploy.sh: $1" >&2
  usage >&2
  exit 2
}

fail() {
  echo "Cannot deploy: $1" >&2
  echo "  what to do: $2" >&2
  exit 1
}

bucket="" region="" stack_name="loglake" alarm_email="" schedule="" run=0 dry_run=0
while (($# > 0)); do
  case "$1" in
    --bucket | --region | --stack-name | --alarm-email | --schedule)
      (($# >= 2)) || bad_usage "$1 needs a value"
      [[ "$2" != --* ]] || bad_usage "$1 needs a value, got option $2"
      case "$1" in
        --bucket) bucket="$2" ;;
        --region) region="$2" ;;
        --stack-name) stack_name="$2" ;;
        --alarm-email) alarm_email="$2" ;;
        --schedule) schedule="$2" ;;
      esac
      shift 2
      ;;
    --run) run=1 && shift ;;
    --dry-run) dry_run=1 && shift ;;
    -h | --help) usage && exit 0 ;;
    *) bad_usage "unknown argument '$1'" ;;
  esac
done

[[ -n "$bucket" ]] || bad_usage "--bucket is required"
[[ -n "$region" ]] || bad_usage "--region is required"
[[ "$bucket" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] ||
  bad_usage "--bucket '$bucket' is not an S3 bucket name (3-63 of a-z, 0-9, '.', '-')"
[[ "$region" =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]] ||
  bad_usage "--region '$region' is not an AWS region name such as eu-west-1"
[[ "$stack_name" =~ ^[A-Za-z][A-Za-z0-9-]{0,52}$ ]] ||
  bad_usage "--stack-name '$stack_name' must be a letter then up to 52 letters, digits or '-'"
[[ -z "$alarm_email" || "$alarm_email" =~ ^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$ ]] ||
  bad_usage "--alarm-email '$alarm_email' is not an e-mail address"
[[ -z "$schedule" || "$schedule" =~ ^cron\(.+\)$ ]] ||
  bad_usage "--schedule '$schedule' is not a Glue cron expression such as 'cron(5 * * * ? *)'"

# One argument as the shell reads it back: bare when it is safe, else single-quoted.
quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=@,+-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

# Prints the call with --dry-run, else makes it.
aws_call() {
  if ((dry_run)); then
    local line="aws" arg
    for arg in "$@"; do line+=" $(quote "$arg")"; done
    echo "$line"
  else
    echo "+ aws $*" >&2
    aws "$@"
  fi
}

deploy_stack() {
  local overrides=("BucketName=$bucket" "DeployGlueJob=$1")
  [[ -n "$alarm_email" ]] && overrides+=("AlarmEmail=$alarm_email")
  [[ -n "$schedule" ]] && overrides+=("Schedule=$schedule")
  aws_call cloudformation deploy --region "$region" --stack-name "$stack_name" \
    --template-file "$template" --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset \
    --parameter-overrides "${overrides[@]}"
}

if ((dry_run)); then
  echo "# dry run: nothing is built or called. A real run first builds: (cd $(quote "$root") && mvn -B -DskipTests package)"
else
  command -v aws >/dev/null 2>&1 ||
    fail "the aws CLI is not installed" "install AWS CLI v2 and configure credentials, or use --dry-run"
  command -v mvn >/dev/null 2>&1 || fail "Maven (mvn) is not installed" "install Java 17 and Maven"
  echo "deploy.sh: building (mvn -B -DskipTests package)..." >&2
  (cd "$root" && mvn -B -q -DskipTests package) ||
    fail "the build failed" "fix the error Maven printed above, then run deploy.sh again"
  [[ -f "$glue_jar" ]] ||
    fail "the build made no $glue_jar" "check that the pom builds the Glue jar (mvn package)"
fi

# A new stack first gets everything but the job: the bucket must exist before the jar goes in.
if ((dry_run)); then
  aws_call cloudformation describe-stacks --region "$region" --stack-name "$stack_name"
  echo "# only if describe-stacks found no stack (first deployment):"
  deploy_stack false
elif ! aws cloudformation describe-stacks --region "$region" --stack-name "$stack_name" >/dev/null 2>&1; then
  [[ -n "$alarm_email" ]] ||
    fail "a new stack needs --alarm-email" "run deploy.sh again with --alarm-email ADDRESS"
  echo "deploy.sh: stack $stack_name does not exist yet: creating it without the Glue job first" >&2
  deploy_stack false || fail "the first step of creating stack $stack_name failed" \
    "read its events: aws cloudformation describe-stack-events --region $region --stack-name $stack_name"
fi

aws_call s3 cp "$glue_jar" "s3://$bucket/jars/loglake-glue.jar" --region "$region" ||
  fail "the upload of $glue_jar failed" "check that the bucket exists and the credentials may write to it"
aws_call s3 cp "$glue_script" "s3://$bucket/scripts/LoglakeGlueJob.scala" --region "$region" ||
  fail "the upload of $glue_script failed" "check that the credentials may write to s3://$bucket/scripts/"
deploy_stack true || fail "the deployment of stack $stack_name failed" \
  "read its events: aws cloudformation describe-stack-events --region $region --stack-name $stack_name"

if ((run)); then
  aws_call glue start-job-run --region "$region" --job-name "$stack_name-etl" ||
    fail "the job run did not start" "see the error above; the stack itself is deployed"
fi
((dry_run)) || echo "deploy.sh: stack $stack_name deployed in $region (bucket $bucket)" >&2
