package io.loglake.testing;

import io.loglake.config.LoglakeHome;
import io.loglake.job.SparkSessionFactory;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One {@link SparkSession} for the whole test JVM: {@code local[2]}, UI off, few shuffle
 * partitions, an embedded metastore under {@code target/test-home}. Use with
 * {@code @ExtendWith(SparkTestSession.class)} and take a {@code SparkSession} parameter. The
 * session is the one the job's own factory builds, so tests run the production configuration.
 *
 * <p>The session runs before each test starts, so a command a test runs in this JVM finds it, uses
 * it and leaves it running (a command stops only a session it started).
 *
 * <p>After each test the session's runtime settings are put back as they were when it was built: a
 * command run in this JVM takes the shared session through {@code getOrCreate}, which re-applies
 * the command's own settings (shuffle partitions among them) to it, and the next test must not
 * depend on which tests ran before it.
 */
public final class SparkTestSession
    implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
  private static SparkSession session;
  private static Map<String, String> settings;

  /** The shared session, created on first use and stopped when the JVM ends. */
  public static synchronized SparkSession get() {
    if (session == null) {
      Path home = Path.of("target", "test-home").toAbsolutePath();
      session =
          SparkSessionFactory.create("loglake-tests", "local[2]", new LoglakeHome(home), false);
      session.conf().set("spark.sql.shuffle.partitions", "4");
      settings = Map.copyOf(CollectionConverters.asJava(session.conf().getAll()));
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /**
   * Puts the shared session's modifiable settings back as they were when it was built: changed ones
   * reset, added ones unset. Does nothing before the session exists.
   */
  public static synchronized void restoreSettings() {
    if (session == null) {
      return;
    }
    RuntimeConfig conf = session.conf();
    Map<String, String> now = CollectionConverters.asJava(conf.getAll());
    now.keySet().stream()
        .filter(key -> !settings.containsKey(key))
        .toList()
        .forEach(key -> change(conf, key, null));
    settings.forEach(
        (key, value) -> {
          if (!value.equals(now.get(key))) {
            change(conf, key, value);
          }
        });
  }

  /** Sets {@code key} (unsets it when {@code value} is null) unless a session cannot change it. */
  private static void change(RuntimeConfig conf, String key, String value) {
    try {
      if (value == null) {
        conf.unset(key);
      } else {
        conf.set(key, value);
      }
    } catch (Exception staticSetting) {
      // A static or core setting (AnalysisException, undeclared in Scala): fixed for the JVM.
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    get();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    restoreSettings();
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
