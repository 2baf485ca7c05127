package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The merged jar carries picocli as class files the JDK's AOT cache takes (Java 6 or later, with
 * stack map frames), not the Java 5 ones picocli ships, which the cache leaves out ("Old class has
 * been linked"). The build rewrites them with the class-file API of JDK 24 and later (see the pom's
 * modern-bytecode profile); JarLaunchIT runs the rewritten classes through a whole provision.
 */
class ModernBytecodeIT {
  /** Java 6: the first class-file version the split verifier and the AOT cache handle. */
  private static final int OLDEST_CACHED = 50;

  @Test
  void picocliInTheMergedJarIsNoOlderThanJava6() throws IOException {
    assumeTrue(Runtime.version().feature() >= 24, "the build rewrites only on JDK 24 and later");
    List<String> old = new ArrayList<>();
    int seen = 0;
    try (JarFile jar = new JarFile(mergedJar().toFile())) {
      for (JarEntry e : jar.stream().toList()) {
        if (e.getName().startsWith("picocli/") && e.getName().endsWith(".class")) {
          seen++;
          if (major(jar, e) < OLDEST_CACHED) {
            old.add(e.getName());
          }
        }
      }
    }
    assertThat(seen).as("picocli classes in the merged jar").isGreaterThan(100);
    assertThat(old).as("picocli classes the AOT cache would leave out").isEmpty();
  }

  private static int major(JarFile jar, JarEntry e) throws IOException {
    try (InputStream in = jar.getInputStream(e);
        DataInputStream data = new DataInputStream(in)) {
      assertThat(data.readInt()).as(e.getName()).isEqualTo(0xCAFEBABE);
      data.readUnsignedShort();
      return data.readUnsignedShort();
    }
  }

  private static Path mergedJar() throws IOException {
    Path dir = Path.of(System.getProperty("ironkube.jarDir", "target"));
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("ironkube-.+-all\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no merged jar in " + dir));
    }
  }
}
