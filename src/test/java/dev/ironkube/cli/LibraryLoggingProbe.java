package dev.ironkube.cli;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils;
import java.util.logging.Logger;

/**
 * A process that starts as {@link Main} does and then makes the libraries log: fabric8 builds a
 * client and meets an unstable API version (what the platform stage does with Argo CD's v1alpha1
 * Applications), and a java.util.logging user warns.
 */
public final class LibraryLoggingProbe {
  private LibraryLoggingProbe() {}

  public static void main(String[] args) {
    LibraryLogging.configure(args);
    var config = new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build();
    try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
      VersionUsageUtils.log("applications", "v1alpha1");
    }
    Logger.getLogger("org.example.library").warning("a library warning");
    System.out.println("done");
  }
}
