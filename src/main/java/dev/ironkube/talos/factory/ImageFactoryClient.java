package dev.ironkube.talos.factory;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.JsonHttp;
import dev.ironkube.http.JsonHttpBuilder;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The Talos Image Factory: registers schematics and says where their assets are. Registering is
 * content-addressed (same YAML, same id), so it is safe to repeat after a failure.
 */
public final class ImageFactoryClient {
  private final JsonHttp http;
  private final ImageFactoryUrls urls;

  /**
   * @param http a transport for the factory base URL, from {@link #transport(URI)}
   */
  public ImageFactoryClient(JsonHttp http, ImageFactoryUrls urls) {
    this.http = Objects.requireNonNull(http);
    this.urls = Objects.requireNonNull(urls);
  }

  /** A transport for the factory; add a sleeper, clock, random and listeners before building. */
  public static JsonHttpBuilder transport(URI factoryBase) {
    return JsonHttp.builder(ImageFactoryErrorDecoder.SERVICE, factoryBase)
        .errorDecoder(new ImageFactoryErrorDecoder());
  }

  /** The factory's answer; newer factories also echo the canonical schematic. */
  record Created(String id, String schematic) {}

  /** Uploads the schematic and returns the id the factory assigned. */
  public String createSchematic(Schematic schematic) {
    Created created =
        http.send(
            ApiRequest.post("/schematics")
                .withRaw(schematic.yaml(), "application/yaml")
                .retryable(),
            Created.class);
    if (created.id() == null || !created.id().matches("[0-9a-f]{64}")) {
      throw new RemoteServiceException.Transient(
          ImageFactoryErrorDecoder.SERVICE,
          "the Image Factory answered POST /schematics without a schematic id",
          null);
    }
    return created.id();
  }

  /** {@code GET /versions}: the Talos versions the factory builds images of (a JSON array). */
  public List<String> versions() {
    String[] versions = http.send(ApiRequest.get("/versions"), String[].class);
    return versions == null ? List.of() : List.of(versions);
  }

  public ImageFactoryUrls urls() {
    return urls;
  }
}
