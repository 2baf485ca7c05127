package dev.ironkube.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The $IRONKUBE_HOME folder (default ~/.ironkube): config.yaml, the credential store, and one
 * folder per cluster holding its journal, secrets bundle, talosconfig and kubeconfig.
 */
public record IronkubeHome(Path root) {

  public static IronkubeHome resolve(Map<String, String> env, Path userHome) {
    String explicit = env.get("IRONKUBE_HOME");
    return new IronkubeHome(
        explicit != null && !explicit.isBlank()
            ? Path.of(explicit)
            : userHome.resolve(".ironkube"));
  }

  public Path credentials() {
    return root.resolve("credentials");
  }

  public Path clusterDir(String name) {
    return root.resolve("clusters").resolve(name);
  }

  public ClusterFiles cluster(String name) {
    return new ClusterFiles(clusterDir(name));
  }

  /** Names of the clusters that have a folder here. */
  public List<String> clusterNames() {
    Path dir = root.resolve("clusters");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p.resolve(ClusterFiles.JOURNAL)))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
