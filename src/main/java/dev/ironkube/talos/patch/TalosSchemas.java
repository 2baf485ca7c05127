package dev.ironkube.talos.patch;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.store.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The machine-config schema of each Talos release, read once from the release's tag on GitHub
 * (through the manifest mirror when one is set, else or failing that from GitHub) and kept under
 * the home's cache, so a later run and a machine without the internet (given the cached file) need
 * no download.
 */
public final class TalosSchemas {
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
    ConfigSchema schema = new ConfigSchema(json);
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
