package io.loglake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * target/loglake-glue.jar (built by `mvn package`) holds loglake and what Glue 5.1 lacks, nothing
 * Glue ships: its entries are listed, and every class the Glue path (from GlueEntryPoint, following
 * every class reference) uses is in the jar, in the JDK, or in what the platform provides.
 *
 * <p>"What the platform provides" is approximated by the build's provided-scope classpath
 * (target/provided-classpath.txt: Spark, Hadoop, Hive, Iceberg, the JSON SerDe) plus the AWS SDK v2
 * and Kafka, which Glue 5 also ships (issue 11; its Kafka connection type and S3FileIO need them)
 * and which the build has at compile scope for target/loglake.jar.
 */
class GlueJarIT {
  private static final Path JAR = Path.of("target", "loglake-glue.jar");
  private static final Path PROVIDED = Path.of("target", "provided-classpath.txt");
  private static final Path CLASSES = Path.of("target", "classes");

  /** What Glue ships: a second copy in the jar clashes with Glue's own (aws-glue-libs#184). */
  private static final List<String> FORBIDDEN =
      List.of(
          "software/amazon/awssdk/",
          "org/apache/kafka/",
          "org/apache/spark/",
          "org/apache/hadoop/",
          "scala/",
          "com/fasterxml/jackson/",
          "org/apache/iceberg/",
          "org/apache/hive/",
          "org/slf4j/",
          "org/apache/commons/",
          "org/reactivestreams/",
          "META-INF/services/");

  /** The only top-level content the jar may have: loglake, picocli, the sql/ copy, the manifest. */
  private static final List<String> ALLOWED =
      List.of("io/loglake/", "picocli/", "sql/", "META-INF/MANIFEST.MF", "META-INF/versions/9/");

  /** Glue ships these beyond the provided-scope classpath (see the class comment). */
  private static final List<String> GLUE_SHIPPED =
      List.of("software/amazon/awssdk/", "org/apache/kafka/", "org/apache/spark/sql/kafka010/");

  /** A type descriptor or generic signature (string constants have other shapes). */
  private static final Pattern DESCRIPTOR =
      Pattern.compile("[(\\[L<][\\w$/;\\[()<>:+*^.-]*;[)\\w\\[;$/<>]*");

  /** A class in a descriptor: always in a package (every class here is). */
  private static final Pattern DESCRIPTOR_CLASS =
      Pattern.compile("L([A-Za-z_$][\\w$]*/[\\w$/]*)[;<]");

  private static Set<String> entries;
  private static Set<String> provided;

  @BeforeAll
  static void listTheJars() throws IOException {
    assertThat(JAR).as("the Glue jar; mvn package builds it").isRegularFile();
    entries = entryNames(JAR);
    provided = new HashSet<>();
    String classpath = Files.readString(PROVIDED).trim();
    for (String jar : classpath.split(File.pathSeparator)) {
      provided.addAll(entryNames(Path.of(jar)));
    }
  }

  @Test
  void itHoldsNothingGlueShips() {
    for (String prefix : FORBIDDEN) {
      assertThat(entries).as("entries under " + prefix).noneMatch(e -> e.startsWith(prefix));
    }
    assertThat(entries)
        .as("entries other than loglake, picocli and sql/")
        .allMatch(e -> e.endsWith("/") || ALLOWED.stream().anyMatch(e::startsWith));
  }

  @Test
  void itHoldsTheEntryPointEveryLoglakeClassAndPicocli() throws IOException {
    assertThat(entries)
        .contains(
            "io/loglake/cli/GlueEntryPoint.class",
            "io/loglake/cli/Main.class",
            "io/loglake/cli/EtlCommand.class",
            "io/loglake/job/EtlJob.class",
            "picocli/CommandLine.class",
            "sql/athena/queries/");
    try (Stream<Path> compiled = Files.walk(CLASSES)) {
      List<String> loglake =
          compiled
              .filter(Files::isRegularFile)
              .map(p -> CLASSES.relativize(p).toString().replace('\\', '/'))
              .toList();
      assertThat(loglake).isNotEmpty();
      assertThat(entries).containsAll(loglake);
    }
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Manifest manifest = jar.getManifest();
      assertThat(manifest.getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.loglake.cli.Main");
    }
  }

  @Test
  void everyClassTheGluePathUsesIsInTheJarTheJdkOrWhatThePlatformProvides() throws IOException {
    Map<String, Set<String>> outside = new HashMap<>();
    Set<String> reached = new HashSet<>();
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      Deque<String> next = new ArrayDeque<>(List.of("io/loglake/cli/GlueEntryPoint"));
      while (!next.isEmpty()) {
        String name = next.pop();
        if (!reached.add(name)) {
          continue;
        }
        ZipEntry entry = jar.getEntry(name + ".class");
        for (String used : referencedClasses(readAll(jar, entry))) {
          if (entries.contains(used + ".class")) {
            next.push(used);
          } else {
            outside.computeIfAbsent(used, k -> new TreeSet<>()).add(name);
          }
        }
      }
    }
    assertThat(reached)
        .as("the Glue path reaches the etl job and its sinks")
        .contains("io/loglake/cli/EtlCommand", "io/loglake/job/EtlJob", "picocli/CommandLine");
    Map<String, Set<String>> missing = new HashMap<>();
    int fromTheJdk = 0;
    int fromThePlatform = 0;
    for (Map.Entry<String, Set<String>> used : outside.entrySet()) {
      String name = used.getKey();
      if (inTheJdk(name)) {
        fromTheJdk++;
      } else if (provided.contains(name + ".class")
          || GLUE_SHIPPED.stream().anyMatch(name::startsWith)) {
        fromThePlatform++;
      } else {
        missing.put(name, used.getValue());
      }
    }
    assertThat(missing)
        .as("classes used by the Glue path (-> users) that nothing provides")
        .isEmpty();
    assertThat(fromTheJdk).isPositive();
    assertThat(fromThePlatform)
        .as("Spark, Hadoop, ... classes the Glue path uses")
        .isGreaterThan(50);
    assertThat(outside).containsKey("org/apache/spark/sql/SparkSession");
  }

  @Test
  void theCheckFindsAClassNothingProvides() {
    // The lookups above can fail: a name in no jar and not in the JDK is reported.
    String absent = "org/openx/data/jsonserde/JsonSerDe";
    assertThat(inTheJdk(absent)).isFalse();
    assertThat(provided).doesNotContain(absent + ".class");
    assertThat(entries).doesNotContain(absent + ".class");
    assertThat(inTheJdk("java/lang/String")).isTrue();
    assertThat(provided).contains("org/apache/spark/sql/SparkSession.class");
  }

  private static boolean inTheJdk(String name) {
    return ClassLoader.getPlatformClassLoader().getResource(name + ".class") != null;
  }

  private static Set<String> entryNames(Path jar) throws IOException {
    Set<String> names = new HashSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream().forEach(e -> names.add(e.getName()));
    }
    return names;
  }

  private static byte[] readAll(ZipFile jar, ZipEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /**
   * The classes a class file names: its constant pool's Class entries and every class in a type
   * descriptor or signature (fields, methods, annotations such as picocli's subcommand lists).
   */
  static Set<String> referencedClasses(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> classNames = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNames.add(in.readUnsignedShort());
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    Set<String> names = new TreeSet<>();
    for (int index : classNames) {
      String name = utf8[index];
      if (name.startsWith("[")) {
        addDescriptorClasses(name, names);
      } else {
        names.add(name);
      }
    }
    for (String text : utf8) {
      if (text != null && DESCRIPTOR.matcher(text).matches()) {
        addDescriptorClasses(text, names);
      }
    }
    return names;
  }

  private static void addDescriptorClasses(String descriptor, Set<String> names) {
    Matcher matcher = DESCRIPTOR_CLASS.matcher(descriptor);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
  }
}
