package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users run never takes a service-account key from outside: the test classpath registers a
 * fixed key (ServiceAccountKeySource) to spare each test an RSA-4096 search, and a registration
 * that reached the shipped jar would give every user's cluster that one known key.
 */
class ShippedJarIT {
  @Test
  void theJarsRegisterNoServiceAccountKeySource() throws IOException {
    try (Stream<Path> jars = Files.list(Path.of(System.getProperty("ironkube.jarDir", "target")))) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        try (JarFile file = new JarFile(jar.toFile())) {
          assertThat(
                  file.getEntry("META-INF/services/dev.ironkube.talos.pki.ServiceAccountKeySource"))
              .as(jar.toString())
              .isNull();
          assertThat(file.getEntry("dev/ironkube/talos/testing/CommittedServiceAccountKey.class"))
              .as(jar.toString())
              .isNull();
        }
      }
    }
  }
}
