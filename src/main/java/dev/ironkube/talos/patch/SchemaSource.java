package dev.ironkube.talos.patch;

import java.util.Optional;

/** The config schemas patched configs are checked against. */
public interface SchemaSource {
  /** The schema of Talos {@code tag}. */
  ConfigSchema of(String tag);

  /**
   * The schema of an older release that still documents the v1alpha1 fields {@code tag}'s schema
   * leaves out as deprecated (Talos marks them docgen:nodoc, yet decodes them); empty when there is
   * none older.
   */
  default Optional<ConfigSchema> documentedBefore(String tag) {
    return Optional.empty();
  }
}
