package dev.ironkube.sim.cloudflare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.http.SimExchange;
import dev.ironkube.sim.http.SimHttpServer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated Cloudflare DNS records API, answering in the envelope, codes and record shape of
 * the recordings in {@code contracts/cloudflare}. Serves under {@code /client/v4}, so {@link
 * #baseUri()} is what CLOUDFLARE_API_URL takes.
 *
 * <p>Endpoints: {@code GET|POST /zones/{zone_id}/dns_records} (the search parameters of {@link
 * RecordFilter}, among them {@code comment.*} and {@code tag.*}; {@code page}, {@code per_page}
 * default 100, with {@code result_info}); records keep {@code comment} (empty reads as null) and
 * {@code tags} with their {@code *_modified_on} stamps; {@code GET|PUT|PATCH|DELETE
 * /zones/{zone_id}/dns_records/{id}}. An identical record is refused with 400 81058, an A beside a
 * CNAME with 400 81054, an unknown record with 404 81044. No Authorization header is 400 9106; a
 * wrong token 403 10000; an unknown zone 400 7003.
 *
 * <p>Faults, armed at points {@code "cloudflare.<METHOD> <template>"} such as {@code
 * "cloudflare.POST /zones/{zone_id}/dns_records"}, consulted once per authenticated request: {@code
 * http-500} (500 in the envelope, nothing done), {@code 429} (429 with {@code Retry-After} of one
 * rate window, {@value #STEP_RATE_WINDOW}, 5 minutes real), {@code reset} (the connection is closed
 * unanswered, nothing done), {@code timeout} (held for the modelled client timeout, {@value
 * #STEP_TIMEOUT_HOLD}, 30 s real, then closed unanswered, nothing done), {@code lost-response}
 * (done, then the connection is closed), {@code malformed} (done, answered 200 with the envelope
 * cut in half).
 */
public final class CloudflareApi implements AutoCloseable {
  public static final String API = "cloudflare";
  public static final String BASE_PATH = "/client/v4";
  public static final String STEP_RATE_WINDOW = "cloudflare.rate-limit-window";
  public static final String STEP_TIMEOUT_HOLD = "cloudflare.timeout-hold";
  static final String LIST = "/zones/{zone_id}/dns_records";
  static final String ONE = "/zones/{zone_id}/dns_records/{dns_record_id}";

  private static final Pattern PATH =
      Pattern.compile("^" + BASE_PATH + "/zones/([^/]+)/dns_records(?:/([^/]+))?/?$");

  private final CloudflareOptions options;
  private final TimeModel time;
  private final Faults faults;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, ZoneRecords> zones = new LinkedHashMap<>();
  private final SimHttpServer server;

  public CloudflareApi(CloudflareOptions options, TimeModel time, Faults faults, RequestLog log) {
    this.options = options;
    this.time = time;
    this.faults = faults;
    Random random = new Random(options.seed());
    options.zones().forEach((id, name) -> zones.put(id, new ZoneRecords(name, random)));
    this.server = new SimHttpServer(API, log, this::handle);
  }

  public CloudflareApi start() {
    server.start();
    return this;
  }

  /** What CLOUDFLARE_API_URL should be set to, such as {@code http://127.0.0.1:4123/client/v4}. */
  public URI baseUri() {
    return URI.create(server.baseUri() + BASE_PATH);
  }

  /** The addresses of the A records named {@code name} in any zone, as DNS would answer. */
  public synchronized List<String> resolve(String name) {
    List<String> out = new ArrayList<>();
    for (ZoneRecords zone : zones.values()) {
      for (ObjectNode r : zone.all()) {
        if (r.path("type").asText().equals("A") && r.path("name").asText().equalsIgnoreCase(name)) {
          out.add(r.path("content").asText());
        }
      }
    }
    return out;
  }

  /** The zone's records as JSON objects, in creation order. */
  public synchronized List<ObjectNode> records(String zoneId) {
    ZoneRecords zone = zones.get(zoneId);
    return zone == null ? List.of() : zone.all().stream().map(ObjectNode::deepCopy).toList();
  }

  /** Every zone's records by zone id, for a datacenter that keeps them across a restart. */
  public synchronized Map<String, List<ObjectNode>> snapshot() {
    Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
    zones.forEach(
        (id, zone) -> out.put(id, zone.all().stream().map(ObjectNode::deepCopy).toList()));
    return out;
  }

  /**
   * Puts back records kept across a restart, into the zones of the same ids; a zone this fake does
   * not serve is refused, since its records would vanish unseen.
   */
  public synchronized void restore(Map<String, List<ObjectNode>> records) {
    records.forEach(
        (id, list) -> {
          ZoneRecords zone = zones.get(id);
          if (zone == null) {
            throw new IllegalStateException("the kept DNS records name an unknown zone " + id);
          }
          list.forEach(zone::restore);
        });
  }

  /** Adds a record as if made in the dashboard; identical records are still refused. */
  public synchronized String seedRecord(String zoneId, String type, String name, String content) {
    return seedRecord(zoneId, type, name, content, 1, null);
  }

  /** A record made in the dashboard with its own TTL and comment (null for none). */
  public synchronized String seedRecord(
      String zoneId, String type, String name, String content, int ttl, String comment) {
    ObjectNode body = CfReply.JSON.createObjectNode();
    body.put("type", type).put("name", name).put("content", content).put("ttl", ttl);
    if (comment != null) {
      body.put("comment", comment);
    }
    CfReply reply = zones.get(zoneId).create(body, clock.instant());
    if (reply.status() != 200) {
      throw new IllegalArgumentException("cannot seed record: " + reply.body());
    }
    return reply.body().get("result").get("id").asText();
  }

  private void handle(SimExchange exchange) throws IOException {
    Matcher path = PATH.matcher(exchange.path());
    String auth = exchange.header("Authorization").orElse("");
    if (auth.isBlank()) {
      write(
          exchange,
          CfReply.error(400, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers"));
      return;
    }
    String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : "";
    if (!options.apiTokens().contains(token)) {
      write(exchange, CfReply.error(403, 10000, "Authentication error"));
      return;
    }
    if (!path.matches()) {
      write(exchange, CfReply.error(400, 7000, "No route for that URI"));
      return;
    }
    String zoneId = path.group(1);
    String recordId = path.group(2);
    String template = recordId == null ? LIST : ONE;
    String fault = faults.next(API + "." + exchange.method() + " " + template).orElse(null);
    boolean performed = "lost-response".equals(fault) || "malformed".equals(fault);
    if (fault != null && !performed) {
      inject(exchange, fault);
      return;
    }
    CfReply reply;
    synchronized (this) {
      ZoneRecords zone = zones.get(zoneId);
      if (zone == null) {
        reply =
            CfReply.error(
                400,
                7003,
                "Could not route to "
                    + exchange.path().substring(BASE_PATH.length())
                    + ", perhaps your object identifier is invalid?");
      } else {
        reply = route(zone, exchange, recordId);
      }
    }
    if ("lost-response".equals(fault)) {
      exchange.drop();
      return;
    }
    if ("malformed".equals(fault)) {
      byte[] whole = CfReply.JSON.writeValueAsBytes(reply.body());
      exchange.respond(
          200, "application/json", Arrays.copyOf(whole, Math.max(1, whole.length / 2)));
      return;
    }
    write(exchange, reply);
  }

  private CfReply route(ZoneRecords zone, SimExchange exchange, String recordId)
      throws IOException {
    String method = exchange.method();
    if (recordId == null) {
      return switch (method) {
        case "GET" -> zone.list(exchange::queryValues);
        case "POST" -> zone.create(body(exchange), clock.instant());
        default -> CfReply.error(405, 10405, "Method not allowed for this endpoint");
      };
    }
    return switch (method) {
      case "GET" -> zone.get(recordId);
      case "PUT" -> zone.update(recordId, body(exchange), true, clock.instant());
      case "PATCH" -> zone.update(recordId, body(exchange), false, clock.instant());
      case "DELETE" -> zone.delete(recordId);
      default -> CfReply.error(405, 10405, "Method not allowed for this endpoint");
    };
  }

  private void inject(SimExchange exchange, String fault) {
    switch (fault) {
      case "http-500" ->
          write(exchange, CfReply.error(500, 10001, "Internal server error, please try again"));
      case "429" -> {
        Duration window = time.duration(STEP_RATE_WINDOW, Duration.ofMinutes(5));
        exchange.setHeader("Retry-After", Long.toString((window.toMillis() + 999) / 1000));
        write(
            exchange,
            CfReply.error(
                429,
                10100,
                "More than 1200 requests per 300 seconds reached. Please wait and consider"
                    + " throttling your request speed"));
      }
      case "reset" -> exchange.drop();
      case "timeout" -> {
        try {
          Thread.sleep(time.duration(STEP_TIMEOUT_HOLD, Duration.ofSeconds(30)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.drop();
      }
      default ->
          exchange.respond(
              500,
              "text/plain; charset=utf-8",
              "simulator: unknown Cloudflare fault kind " + fault);
    }
  }

  private static JsonNode body(SimExchange exchange) {
    try {
      return CfReply.JSON.readTree(exchange.body());
    } catch (IOException e) {
      return null;
    }
  }

  private static void write(SimExchange exchange, CfReply reply) {
    exchange.setHeader("CF-Ray", UUID.randomUUID().toString().substring(0, 16) + "-SIM");
    try {
      exchange.respond(
          reply.status(), "application/json", CfReply.JSON.writeValueAsBytes(reply.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a reply", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
