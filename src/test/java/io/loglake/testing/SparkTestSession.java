package io.loglake.testing;

import io.loglake.config.LoglakeHome;
import io.loglake.job.SparkSessionFactory;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link SparkSession} for the whole test JVM: {@code local[2]}, UI off, few shuffle
 * partitions, an embedded metastore under {@code target/test-home}. Use with
 * {@code @ExtendWith(SparkTestSession.class)} and take a {@code SparkSession} parameter. The
 * session is the one the job's own factory builds, so tests run the production configuration.
 */
public final class SparkTestSession implements ParameterResolver {
  private static SparkSession session;

  /** The shared session, created on first use and stopped when the JVM ends. */
  public static synchronized SparkSession get() {
    if (session == null) {
      Path home = Path.of("target", "test-home").toAbsolutePath();
      session =
          SparkSessionFactory.create("loglake-tests", "local[2]", new LoglakeHome(home), false);
      session.conf().set("spark.sql.shuffle.partitions", "4");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return get();
  }
}
