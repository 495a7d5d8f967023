package io.loglake.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code io.loglake.job} depends on nothing in {@code io.loglake.cli}: the command line calls the
 * job, never the other way round. Checked on the compiled classes (every class a class file refers
 * to is named in its constant pool, whatever the source says: imports, fully qualified names,
 * lambdas, nested classes) and on the sources (imports and javadoc links).
 */
class JobDependenciesTest {
  private static final String CLI_INTERNAL = "io/loglake/cli/";
  private static final String CLI_SOURCE = "io.loglake.cli";

  /** The folder holding {@code clazz}'s class file. */
  private static Path classFolder(Class<?> clazz) throws URISyntaxException {
    return Path.of(clazz.getResource(clazz.getSimpleName() + ".class").toURI()).getParent();
  }

  private static List<Path> files(Path folder, String suffix) throws IOException {
    try (Stream<Path> paths = Files.list(folder)) {
      return paths.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Whether the class file refers to a class of the cli package. */
  private static boolean refersToCli(Path classFile) throws IOException {
    // Class names are stored as modified UTF-8 in the constant pool: ASCII names appear as is.
    return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)
        .contains(CLI_INTERNAL);
  }

  @Test
  void theCheckSeesAReferenceToTheCli() throws Exception {
    // The Glue entry point calls cli.Main: the check must see it, or it proves nothing below.
    Path glue = classFolder(io.loglake.cli.GlueEntryPoint.class).resolve("GlueEntryPoint.class");
    assertThat(refersToCli(glue)).isTrue();
  }

  @Test
  void noJobClassRefersToTheCli() throws Exception {
    List<Path> classes = files(classFolder(EtlJob.class), ".class");
    assertThat(classes).extracting(p -> p.getFileName().toString()).contains("EtlJob.class");
    for (Path classFile : classes) {
      assertThat(refersToCli(classFile)).as(classFile.getFileName().toString()).isFalse();
    }
  }

  @Test
  void noJobSourceNamesTheCli() throws Exception {
    // Surefire runs in the module folder.
    Path sources = Path.of("src/main/java/io/loglake/job");
    List<Path> files = files(sources, ".java");
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("EtlJob.java");
    for (Path source : files) {
      String text = Files.readString(source);
      assertThat(text).as(source.toString()).doesNotContain(CLI_SOURCE + ".");
    }
  }
}
