package dev.ironkube.talos.patch;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.settings.TalosReleases;
import dev.ironkube.store.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The machine-config schema of each Talos release, read once from the release's tag on GitHub
 * (through the manifest mirror when one is set, else or failing that from GitHub) and kept under
 * the home's cache, so a later run and a machine without the internet (given the cached file) need
 * no download.
 */
public final class TalosSchemas implements SchemaSource {
  private final Path cache;
  private final Function<URI, String> download;
  private final Map<String, ConfigSchema> loaded = new HashMap<>();

  /**
   * @param cache the folder the schemas are kept in
   * @param download fetches a URL's body, failing with a message that names the URL and the fix
   */
  public TalosSchemas(Path cache, Function<URI, String> download) {
    this.cache = cache;
    this.download = download;
  }

  /** Where Talos {@code tag}'s schema is published. */
  public static URI url(String tag) {
    return URI.create(
        "https://raw.githubusercontent.com/siderolabs/talos/"
            + tag
            + "/pkg/machinery/config/schemas/config.schema.json");
  }

  /** Where the schema of {@code tag} is cached. */
  public Path cached(String tag) {
    return cache.resolve("talos-config-schema-" + tag + ".json");
  }

  /**
   * The oldest supported release's schema: Talos 1.12 to 1.14 moved v1alpha1 fields to typed
   * documents and left them out of their schemas while still decoding them (v1.14.0-rc.1
   * v1alpha1_types.go: MachineSysctls "Deprecated: Use 'SysctlConfig' instead", docgen:nodoc).
   */
  @Override
  public Optional<ConfigSchema> documentedBefore(String tag) {
    TalosReleases oldest = TalosReleases.ALL.get(0);
    String[] parts = tag.replaceFirst("^v", "").split("\\.");
    if (parts.length < 2
        || !parts[1].matches("\\d+")
        || Integer.parseInt(parts[1]) <= oldest.minor()) {
      return Optional.empty();
    }
    return Optional.of(of(oldest.newestPatch()));
  }

  @Override
  public synchronized ConfigSchema of(String tag) {
    ConfigSchema known = loaded.get(tag);
    if (known != null) {
      return known;
    }
    Path file = cached(tag);
    String json;
    try {
      if (Files.isRegularFile(file)) {
        json = Files.readString(file);
      } else {
        json = fetch(tag, file);
        Files.createDirectories(cache);
        SecureFiles.write(file, json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ConfigSchema schema;
    try {
      schema = new ConfigSchema(json);
    } catch (IllegalArgumentException e) {
      throw new OperationFailedException(
          "the cached Talos " + tag + " config schema " + file + " is not a Talos config schema",
          "delete it (the next run downloads it again), or save " + url(tag) + " there");
    }
    loaded.put(tag, schema);
    return schema;
  }

  private String fetch(String tag, Path file) {
    try {
      return download.apply(url(tag));
    } catch (IronkubeException e) {
      throw new OperationFailedException(
          "the machine-config patches are checked against Talos "
              + tag
              + "'s config schema, which cannot be read: "
              + e.getMessage(),
          "save " + url(tag) + " as " + file + " (a machine without the internet needs it once)",
          ExitCodes.REMOTE_FAILURE,
          e);
    }
  }
}
