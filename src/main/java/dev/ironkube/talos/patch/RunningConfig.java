package dev.ironkube.talos.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Facts read back from a config a node runs. */
public final class RunningConfig {
  private RunningConfig() {}

  /** The host of {@code cluster.controlPlane.endpoint}, without brackets; empty if unset. */
  public static Optional<String> endpointHost(byte[] config) {
    for (ObjectNode doc : ConfigDocuments.parse(new String(config, StandardCharsets.UTF_8))) {
      if (ConfigDocuments.isV1alpha1(doc)) {
        String endpoint = doc.at("/cluster/controlPlane/endpoint").asText("");
        if (endpoint.isEmpty()) {
          return Optional.empty();
        }
        String host = URI.create(endpoint).getHost();
        return Optional.ofNullable(host).map(h -> h.replace("[", "").replace("]", ""));
      }
    }
    return Optional.empty();
  }
}
