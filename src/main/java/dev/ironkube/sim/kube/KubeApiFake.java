package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.http.SimServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The simulated Kubernetes API server of a Talos control plane (one per control plane address, all
 * serving one {@link KubeCluster}): real HTTPS with a serving certificate from the cluster CA,
 * client certificates required and checked against that CA (and for {@code O=system:masters}, the
 * admin kubeconfig's group), generic storage of any resource, discovery, and workloads that turn
 * ready after the time model's delays (see {@link WorkloadModel} for step names and fault points).
 *
 * <p>Built on the JDK's HttpsServer rather than fabric8's mock server: the mock server is a
 * test-scope dependency, cannot require client certificates from a given CA, and rejects
 * server-side apply of new objects; the simulator ships in the product, so a small server of our
 * own is both lighter and more faithful.
 */
public final class KubeApiFake implements AutoCloseable {
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ObjectMapper json = new ObjectMapper();
  private final Discovery discovery;
  private final ResourceRoutes routes;
  private final List<String> writes = new ArrayList<>();
  private final String nodeName;
  private final ObjectStore store;
  private final KubeCluster cluster;
  private final String servingAddress;

  public KubeApiFake(
      InetAddress address,
      int port,
      String caCertPem,
      String caKeyPem,
      TimeModel time,
      Faults faults) {
    this(address, port, caCertPem, caKeyPem, time, faults, Clock.systemUTC());
  }

  public KubeApiFake(
      InetAddress address,
      int port,
      String caCertPem,
      String caKeyPem,
      TimeModel time,
      Faults faults,
      Clock clock) {
    this(
        address,
        port,
        caCertPem,
        caKeyPem,
        time,
        faults,
        clock,
        "talos-" + address.getHostAddress().replace('.', '-').replace(':', '-'));
  }

  /** As above, for a node registered under {@code nodeName} (the hostname its config sets). */
  public KubeApiFake(
      InetAddress address,
      int port,
      String caCertPem,
      String caKeyPem,
      TimeModel time,
      Faults faults,
      Clock clock,
      String nodeName) {
    this(
        new KubeCluster(time, faults, clock).seed(nodeName, address),
        address,
        port,
        caCertPem,
        caKeyPem,
        nodeName,
        List.of());
  }

  /**
   * One control plane's API server over a cluster's shared state: several of these, one per control
   * plane address, serve the same objects, as kube-apiservers over one etcd do.
   */
  public KubeApiFake(
      KubeCluster cluster,
      InetAddress address,
      int port,
      String caCertPem,
      String caKeyPem,
      String nodeName) {
    this(cluster, address, port, caCertPem, caKeyPem, nodeName, List.of());
  }

  /**
   * As above, with {@code dnsNames} in the serving certificate besides the usual ones: the
   * endpoint's DNS name and the certSANs of the node's config, as Talos puts them in
   * kube-apiserver's certificate.
   */
  public KubeApiFake(
      KubeCluster cluster,
      InetAddress address,
      int port,
      String caCertPem,
      String caKeyPem,
      String nodeName,
      List<String> dnsNames) {
    this.cluster = cluster;
    this.store = cluster.store;
    this.discovery = cluster.discovery;
    this.routes = cluster.routes;
    this.nodeName = nodeName;
    this.servingAddress = address.getHostAddress();
    SSLContext tls = ServingTls.context(address, caCertPem, caKeyPem, dnsNames);
    try {
      server = SimServers.https(new InetSocketAddress(address, port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the simulated Kubernetes API on " + address, e);
    }
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = tls.getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /** The URL a kubeconfig names, such as {@code https://127.0.1.5:6443}. */
  public URI url() {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().getHostAddress();
    return URI.create(
        "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort());
  }

  /**
   * Lets the simulated world react to objects applied through the API (an agent Deployment that
   * then dials out, say); the listener gets a copy of each created object.
   */
  public void onObjectCreated(Consumer<ObjectNode> listener) {
    store.onCreate(listener);
  }

  public String nodeName() {
    return nodeName;
  }

  /** The cluster state this server serves, which other control planes may serve too. */
  public KubeCluster cluster() {
    return cluster;
  }

  /** Every mutating request served so far, as "METHOD path", for idempotency checks. */
  public synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!isClusterAdmin(exchange)) {
        send(
            exchange,
            ApiStatus.failure(403, "Forbidden", "client certificate is not in system:masters"));
        return;
      }
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!method.equals("GET")) {
        synchronized (this) {
          writes.add(method + " " + path);
        }
      }
      Optional<ObjectNode> discovered =
          method.equals("GET") ? discovery.answer(path) : Optional.empty();
      if (discovered.isPresent()) {
        send(exchange, new ResourceRoutes.Answer(200, discovered.get()));
        return;
      }
      Optional<ApiPath> resource = ApiPath.parse(path);
      if (resource.isEmpty()) {
        send(
            exchange,
            ApiStatus.failure(404, "NotFound", "the server could not find the requested resource"));
        return;
      }
      String contentType =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
      String query = exchange.getRequestURI().getRawQuery();
      ResourceRoutes.Answer answer =
          routes.handle(method, resource.get(), query, contentType, body, servingAddress);
      Optional<String> table = Tables.requested(exchange.getRequestHeaders().getFirst("Accept"));
      if (method.equals("GET")
          && answer.status() == 200
          && resource.get().sub() == null
          && table.isPresent()) {
        ApiPath p = resource.get();
        Optional<ApiKind> kind = cluster.kinds.byPlural(p.group(), p.version(), p.plural());
        if (kind.isPresent()) {
          answer =
              new ResourceRoutes.Answer(
                  200,
                  cluster.tables.table(
                      kind.get(), answer.body(), table.get(), queryParam(query, "includeObject")));
        }
      }
      send(exchange, answer);
    } catch (RuntimeException e) {
      send(exchange, ApiStatus.failure(500, "InternalError", "simulator bug: " + e));
    }
  }

  private static String queryParam(String query, String name) {
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static boolean isClusterAdmin(HttpExchange exchange) {
    if (!(exchange instanceof HttpsExchange https)) {
      return false;
    }
    try {
      Certificate[] chain = https.getSSLSession().getPeerCertificates();
      return chain.length > 0
          && chain[0] instanceof X509Certificate leaf
          && leaf.getSubjectX500Principal().getName().contains("O=system:masters");
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  private void send(HttpExchange exchange, ResourceRoutes.Answer answer) throws IOException {
    boolean text = answer.body().isTextual();
    byte[] bytes =
        text
            ? answer.body().asText().getBytes(StandardCharsets.UTF_8)
            : json.writeValueAsBytes(answer.body());
    exchange.getResponseHeaders().set("Content-Type", text ? "text/plain" : "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
