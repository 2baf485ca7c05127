package dev.ironkube.platform;

import java.net.URI;

/**
 * Where upstream manifests come from. The real run downloads the pinned URL; tests and offline runs
 * hand in a local copy, so nothing in the test suite touches the network.
 */
@FunctionalInterface
public interface ManifestSource {
  String fetch(URI url);
}
