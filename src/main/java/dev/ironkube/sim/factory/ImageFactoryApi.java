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
 * An unknown schematic is 404; the vanilla one is always known. Faults at points {@code
 * "factory.POST /schematics"}, {@code "factory.GET /pxe"}, {@code "factory.GET /image"}: {@code
 * http-500}, {@code reset}.
 */
public final class ImageFactoryApi implements AutoCloseable {
  public static final String API = "factory";
  private static final Pattern PXE =
      Pattern.compile("/pxe/([0-9a-f]{64})/(v[0-9][^/]*)/metal-(amd64|arm64)");
  private static final Pattern IMAGE = Pattern.compile("/image/([0-9a-f]{64})/(v[0-9][^/]*)/(.+)");
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
    this.faults = faults;
    try {
      Schematic vanilla = Schematic.parse("customization: {}\n".getBytes(StandardCharsets.UTF_8));
      schematics.put(vanilla.id(), vanilla);
    } catch (Schematic.InvalidSchematicException e) {
      throw new IllegalStateException(e);
    }
    this.server = new SimHttpServer(API, log, this::handle);
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
          (json.writeValueAsString(VERSIONS) + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
      exchange.respond(400, "text/plain; charset=utf-8", e.getMessage() + "\n");
      return;
    }
    schematics.putIfAbsent(schematic.id(), schematic);
    ObjectNode body = json.createObjectNode();
    body.put("id", schematic.id());
    body.put("schematic", schematic.canonicalYaml());
    exchange.respond(201, "application/json", json.writeValueAsBytes(body));
  }

  private void pxe(SimExchange exchange) {
    Matcher m = PXE.matcher(exchange.path());
    Schematic schematic = m.matches() ? schematics.get(m.group(1)) : null;
    if (schematic == null) {
      notFound(exchange);
      return;
    }
    String script = PxeScript.of(baseUri(), m.group(1), m.group(2), m.group(3), schematic);
    exchange.respond(200, "text/plain; charset=utf-8", script);
  }

  private void image(SimExchange exchange) {
    Matcher m = IMAGE.matcher(exchange.path());
    Schematic schematic = m.matches() ? schematics.get(m.group(1)) : null;
    if (schematic == null) {
      notFound(exchange);
      return;
    }
    String asset = m.group(3);
    if (asset.endsWith(".sha256")
        || asset.endsWith(".sha512")
        || asset.endsWith(".sigstore.json")) {
      exchange.respond(402, "text/plain; charset=utf-8", "payment required\n");
      return;
    }
    Matcher known = ASSET.matcher(asset);
    if (!known.matches()) {
      notFound(exchange);
      return;
    }
    if (asset.startsWith("cmdline-metal-")) {
      exchange.respond(
          200, "text/plain; charset=utf-8", PxeScript.cmdline(known.group(2), schematic) + "\n");
      return;
    }
    String body = "simulated " + asset + " of schematic " + m.group(1) + " " + m.group(2) + "\n";
    exchange.setHeader("Content-Disposition", "attachment; filename=" + asset);
    exchange.respond(200, "application/octet-stream", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void notFound(SimExchange exchange) {
    exchange.respond(404, "text/plain; charset=utf-8", "404 page not found\n");
  }

  @Override
  public void close() {
    server.close();
  }
}
