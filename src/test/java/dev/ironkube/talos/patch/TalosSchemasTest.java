package dev.ironkube.talos.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.talos.testing.Contracts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema is downloaded once per tag into the cache (0600) and read from there afterwards. */
class TalosSchemasTest {
  @TempDir Path cache;

  @Test
  void downloadedOnceThenReadFromTheCache() throws Exception {
    List<URI> asked = new ArrayList<>();
    String json = Contracts.read("schemas/config.schema.v1.13.json");
    TalosSchemas schemas =
        new TalosSchemas(
            cache,
            url -> {
              asked.add(url);
              return json;
            });
    schemas.of("v1.13.10");
    new TalosSchemas(cache, url -> "{}").of("v1.13.10");
    assertThat(asked)
        .containsExactly(
            URI.create(
                "https://raw.githubusercontent.com/siderolabs/talos/v1.13.10/pkg/machinery/config/schemas/config.schema.json"));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(schemas.cached("v1.13.10"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aDamagedCachedFileIsNamedWithItsFix() throws Exception {
    TalosSchemas schemas = new TalosSchemas(cache, url -> "");
    Files.writeString(schemas.cached("v1.14.6"), "{\"not\": \"a schema\"}");
    assertThatThrownBy(() -> schemas.of("v1.14.6"))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("is not a Talos config schema")
        .hasMessageContaining("talos-config-schema-v1.14.6.json");
  }
}
