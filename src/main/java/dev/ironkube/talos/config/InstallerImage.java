package dev.ironkube.talos.config;

import java.util.Optional;

/**
 * The installer image as ironkube is told it: an image reference, or one prefixed with {@code
 * http://} when the registry serving it (an Image Factory override) speaks plain HTTP. An image
 * reference has no scheme, and Talos pulls a host it has no mirror for over HTTPS only
 * (internal/pkg/containers/image/resolver.go, RegistryEndpointEntriesFromConfig: the fallback
 * endpoint is "https://" + host). So a plain-HTTP registry keeps the bare reference in
 * machine.install.image and gets a registry mirror whose endpoint is {@code http://host:port}.
 *
 * @param reference what machine.install.image holds, e.g.
 *     "127.0.0.1:8088/metal-installer/id:v1.14.6"
 * @param plainHttpRegistry the registry host[:port] to reach over plain HTTP, if any
 */
public record InstallerImage(String reference, Optional<String> plainHttpRegistry) {
  private static final String HTTP = "http://";

  public static InstallerImage parse(String given) {
    if (given.startsWith(HTTP)) {
      String reference = given.substring(HTTP.length());
      int slash = reference.indexOf('/');
      String registry = slash < 0 ? reference : reference.substring(0, slash);
      return new InstallerImage(reference, Optional.of(registry));
    }
    return new InstallerImage(given, Optional.empty());
  }

  /** The mirror endpoint Talos pulls the registry from. */
  public Optional<String> plainHttpEndpoint() {
    return plainHttpRegistry.map(host -> HTTP + host);
  }
}
