// The AWS Glue 5.1 Scala job script of loglake (Glue 5.1 = Spark 3.5.6, Scala 2.12): the whole job
// lives in loglake-glue.jar, which the job definition (jobs/glue/job-definition.json) adds with
// --extra-jars; --class GlueApp names this object and --job-language scala makes it a Scala job.
//
// sysArgs holds every job argument as "--KEY" "VALUE": Glue's own (--JOB_NAME, --JOB_ID,
// --JOB_RUN_ID, --TempDir, --job-bookmark-option, ...) and the job's DefaultArguments,
// NonOverridableArguments and run arguments (--raw, --curated, --incremental true, ...).
// io.loglake.cli.GlueEntryPoint passes the loglake etl options on and ignores the others; it throws
// when the run fails, which fails the job run.
//
// The pattern (GlueContext, GlueArgParser, Job.init/commit) is the one AWS documents for Scala
// scripts; job bookmarks are off (--job-bookmark-option job-bookmark-disable): loglake keeps its
// own progress in --state, so Job.commit records nothing.
import com.amazonaws.services.glue.GlueContext
import com.amazonaws.services.glue.util.{GlueArgParser, Job}
import org.apache.spark.SparkContext
import org.apache.spark.sql.SparkSession

import scala.collection.JavaConverters._

object GlueApp {
  def main(sysArgs: Array[String]): Unit = {
    // The session Glue configures: with --enable-glue-datacatalog, AWS documents that Glue enables
    // Hive support (the Data Catalog as metastore) in the SparkSession of the GlueContext. Made the
    // active and default session, it is the one loglake's SparkSessionFactory takes (getOrCreate).
    val glueContext: GlueContext = new GlueContext(SparkContext.getOrCreate())
    val spark: SparkSession = glueContext.sparkSession // GlueContext extends SQLContext
    SparkSession.setActiveSession(spark)
    SparkSession.setDefaultSession(spark)
    val args = GlueArgParser.getResolvedOptions(sysArgs, Array("JOB_NAME"))
    Job.init(args("JOB_NAME"), glueContext, args.asJava)
    io.loglake.cli.GlueEntryPoint.run(sysArgs)
    Job.commit()
  }
}
