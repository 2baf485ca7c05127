package dev.ironkube.sim.factory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.http.SimExchange;
import dev.ironkube.sim.http.SimHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated Talos Image Factory, serving both the factory and its PXE front on one base URL:
 *
 * <ul>
 *   <li>{@code POST /schematics} (YAML or JSON) → 201 {@code {"id","schematic"}}; unknown fields →
 *       400 with the factory's message.
 *   <li>{@code GET /versions} → the Talos versions offered.
 *   <li>{@code GET /pxe/<schematic>/<version>/metal-<arch>} → an iPXE script whose kernel and
 *       initrd lines point back at this server's {@code /image/…}.
 *   <li>{@code GET|HEAD /image/<schematic>/<version>/<asset>} → a small stand-in body (the real
 *       command line for {@code cmdline-metal-<arch>}); {@code .sha256}, {@code .sha512} and {@code
 *       .sigstore.json} answer 402 as on the community edition.
 * </ul>
 *
 * Errors are Go's {@code http.Error} text as image-factory v1.5.0 {@code MatchError} maps them: an
 * unknown schematic is 404 {@code schematic ID "<id>" not found}, an unknown asset path 400, a
 * version semver cannot parse 500; the vanilla schematic is always known. Faults at points {@code
 * "factory.POST /schematics"}, {@code "factory.GET /pxe"}, {@code "factory.GET /image"}: {@code
 * http-500}, {@code reset}.
 */
public final class ImageFactoryApi implements AutoCloseable {
  public static final String API = "factory";

  /** What blang/semver's {@code Parse} accepts: major.minor.patch, then pre-release and build. */
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
              + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

  private static final Pattern ASSET =
      Pattern.compile(
          "(kernel|initramfs|cmdline-metal|metal|installer)-(amd64|arm64)"
              + "(\\.xz|\\.iso|\\.raw\\.xz|\\.raw\\.zst|\\.raw\\.gz|\\.raw|\\.qcow2|\\.tar"
              + "|-uki\\.efi|-secureboot-uki\\.efi)?");
  static final List<String> VERSIONS = FactoryVersions.all();

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Schematic> schematics = new ConcurrentHashMap<>();
  private final Faults faults;
  private final SimHttpServer server;

  public ImageFactoryApi(Faults faults, RequestLog log) {
    this(faults, log, 0);
  }

  /**
   * As above on {@code preferredPort} when it is free: machine configs name the factory's address
   * in their installer image and registry mirror, so a datacenter started again keeps it, as the
   * real factory's address does not move.
   */
  public ImageFactoryApi(Faults faults, RequestLog log, int preferredPort) {
    this.faults = faults;
    try {
      Schematic vanilla = Schematic.parse("customization: {}\n".getBytes(StandardCharsets.UTF_8));
      schematics.put(vanilla.id(), vanilla);
    } catch (Schematic.InvalidSchematicException e) {
      throw new IllegalStateException(e);
    }
    this.server = new SimHttpServer(API, log, this::handle, preferredPort);
  }

  public ImageFactoryApi start() {
    server.start();
    return this;
  }

  public URI baseUri() {
    return server.baseUri();
  }

  /** Ids of the schematics uploaded so far, the vanilla one included. */
  public List<String> schematicIds() {
    return List.copyOf(schematics.keySet());
  }

  private void handle(SimExchange exchange) throws Exception {
    String method = exchange.method();
    String path = exchange.path();
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (method.equals("POST") && path.equals("/schematics")) {
      if (!faulted(exchange, "POST /schematics")) {
        createSchematic(exchange);
      }
    } else if (read && path.equals("/versions")) {
      // json.Encoder.Encode, as upstream answers, ends the array with a newline.
      exchange.respond(
          200,
          "application/json",
          (json.writeValueAsString(VERSIONS) + "\n").getBytes(StandardCharsets.UTF_8));
    } else if (read && path.startsWith("/pxe/")) {
      if (!faulted(exchange, "GET /pxe")) {
        pxe(exchange);
      }
    } else if (read && path.startsWith("/image/")) {
      if (!faulted(exchange, "GET /image")) {
        image(exchange);
      }
    } else {
      exchange.respond(404, "text/plain; charset=utf-8", "404 page not found\n");
    }
  }

  private boolean faulted(SimExchange exchange, String point) {
    String fault = faults.next(API + "." + point).orElse(null);
    if (fault == null) {
      return false;
    }
    if (fault.equals("reset")) {
      exchange.drop();
    } else {
      exchange.respond(500, "text/plain; charset=utf-8", "internal server error\n");
    }
    return true;
  }

  private void createSchematic(SimExchange exchange) throws Exception {
    Schematic schematic;
    try {
      schematic = Schematic.parse(exchange.body());
    } catch (Schematic.InvalidSchematicException e) {
      error(exchange, 400, e.getMessage());
      return;
    }
    schematics.putIfAbsent(schematic.id(), schematic);
    ObjectNode body = json.createObjectNode();
    body.put("id", schematic.id());
    body.put("schematic", schematic.canonicalYaml());
    // json.NewEncoder(w).Encode ends the body with a newline (configuration.go).
    exchange.respond(201, "application/json", json.writeValueAsString(body) + "\n");
  }

  /**
   * {@code GET /pxe/:schematic/:version/:path} (image-factory v1.5.0 {@code
   * internal/frontend/http/pxe.go}): schematic looked up first, then the version ({@code v} added
   * when missing), then {@code cmdline-<path>} parsed as a profile; the standard.ipxe template with
   * kernel and initramfs URLs under {@code /image/}.
   */
  private void pxe(SimExchange exchange) {
    String[] route = route(exchange, "/pxe/");
    if (route == null) {
      return;
    }
    Schematic schematic = known(exchange, route[0]);
    String version = schematic == null ? null : version(exchange, route[1]);
    if (version == null) {
      return;
    }
    Matcher asset = ASSET.matcher("cmdline-" + route[2]);
    if (!asset.matches() || !asset.group(1).equals("cmdline-metal")) {
      invalidPath(exchange, "cmdline-" + route[2]);
      return;
    }
    String script = PxeScript.of(baseUri(), route[0], version, asset.group(2), schematic);
    exchange.respond(200, "text/plain; charset=utf-8", script);
  }

  /**
   * {@code GET|HEAD /image/:schematic/:version/:path} (image-factory v1.5.0 {@code
   * internal/frontend/http/image.go}): the {@code .sha256|.sha512|.sigstore.json} sidecars are
   * refused with 402 before anything is looked up, as the community edition has no checksummer or
   * signer; then schematic, version and profile path as for PXE.
   */
  private void image(SimExchange exchange) {
    String[] route = route(exchange, "/image/");
    if (route == null) {
      return;
    }
    String path = route[2];
    if (path.endsWith(".sigstore.json")) {
      error(
          exchange, 402, "enterprise signing is not enabled: signature endpoint is not available");
      return;
    }
    if (path.endsWith(".sha256") || path.endsWith(".sha512")) {
      error(exchange, 402, "enterprise not enabled: checksum endpoint is not available");
      return;
    }
    Schematic schematic = known(exchange, route[0]);
    String version = schematic == null ? null : version(exchange, route[1]);
    if (version == null) {
      return;
    }
    Matcher known = ASSET.matcher(path);
    if (!known.matches()) {
      invalidPath(exchange, path);
      return;
    }
    if (path.startsWith("cmdline-metal-")) {
      exchange.respond(
          200, "text/plain; charset=utf-8", PxeScript.cmdline(known.group(2), schematic) + "\n");
      return;
    }
    String body = "simulated " + path + " of schematic " + route[0] + " " + version + "\n";
    exchange.setHeader("Content-Disposition", "attachment; filename=\"" + path + "\"");
    exchange.respond(200, "application/octet-stream", body.getBytes(StandardCharsets.UTF_8));
  }

  /** The three path parameters after {@code prefix}, or null once a 404 is answered. */
  private static String[] route(SimExchange exchange, String prefix) {
    String[] parts = exchange.path().substring(prefix.length()).split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      exchange.respond(404, "text/plain; charset=utf-8", "404 page not found\n");
      return null;
    }
    return parts;
  }

  /** The schematic, or null once the storage's not-found error is answered (404). */
  private Schematic known(SimExchange exchange, String id) {
    Schematic schematic = schematics.get(id);
    if (schematic == null) {
      error(exchange, 404, "schematic ID \"" + id + "\" not found");
    }
    return schematic;
  }

  /**
   * The version tag with its {@code v}, or null once answered: a version semver cannot parse is an
   * untagged error upstream, so the factory answers 500.
   */
  private static String version(SimExchange exchange, String raw) {
    String tag = raw.startsWith("v") ? raw : "v" + raw;
    if (!SEMVER.matcher(tag.substring(1)).matches()) {
      error(exchange, 500, "internal server error");
      return null;
    }
    return tag;
  }

  private static void invalidPath(SimExchange exchange, String path) {
    error(exchange, 400, "error parsing profile from path: invalid profile path: \"" + path + "\"");
  }

  /** Go's {@code http.Error}: the message and a newline, as plain text, with nosniff. */
  private static void error(SimExchange exchange, int status, String message) {
    exchange.setHeader("X-Content-Type-Options", "nosniff");
    exchange.respond(status, "text/plain; charset=utf-8", message + "\n");
  }

  @Override
  public void close() {
    server.close();
  }
}
