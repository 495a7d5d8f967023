// AWS Glue 5 job script (Scala): the whole job lives in loglake.jar, passed with --extra-jars.
// Job parameters: --class GlueApp, --extra-jars s3://<bucket>/jars/loglake.jar,
// --enable-glue-datacatalog true, and the loglake etl options as Glue arguments, e.g.
// --raw s3a://<bucket>/raw/ --curated s3a://<bucket>/curated/ --report s3a://<bucket>/reports/latest.json
// Glue's own arguments (--JOB_NAME, --TempDir, ...) are ignored by io.loglake.cli.GlueEntryPoint.
object GlueApp {
  def main(sysArgs: Array[String]): Unit = io.loglake.cli.GlueEntryPoint.run(sysArgs)
}
