package dev.ironkube.sim.talos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.ironkube.sim.ServerTls;
import dev.ironkube.sim.http.SimServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Just enough of a Kubernetes API to prove it serves with the cluster's CA: {@code /version} and
 * {@code /api/v1/nodes} with the one Ready node. Client certificates are requested and, when sent,
 * must chain to cluster.ca. The full behaviour belongs to a later simulator.
 */
public final class MinimalKubernetesApi implements KubernetesApi {
  private final HttpsServer server;
  private final KubernetesApiSetup setup;

  private MinimalKubernetesApi(KubernetesApiSetup setup) throws Exception {
    this.setup = setup;
    server = SimServers.https(new InetSocketAddress(setup.address(), setup.port()), 16);
    SSLContext tls = tls(setup);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            var p = tls.getDefaultSSLParameters();
            p.setWantClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    server.createContext("/version", this::version);
    server.createContext("/api/v1/nodes", this::nodes);
    server.start();
  }

  public static KubernetesApi start(KubernetesApiSetup setup) {
    try {
      return new MinimalKubernetesApi(setup);
    } catch (Exception e) {
      throw new IllegalStateException("the simulated Kubernetes API did not start on " + setup, e);
    }
  }

  private static SSLContext tls(KubernetesApiSetup setup) {
    return ServerTls.jdk(
        setup.serverKey(), List.of(setup.serverCertificate()), List.of(setup.clusterCa()));
  }

  private void version(HttpExchange exchange) throws IOException {
    String v = setup.kubernetesVersion().replaceFirst("^v", "");
    String[] parts = v.split("\\.");
    json(
        exchange,
        "{\"major\":\""
            + parts[0]
            + "\",\"minor\":\""
            + (parts.length > 1 ? parts[1] : "0")
            + "\",\"gitVersion\":\"v"
            + v
            + "\",\"platform\":\"linux/amd64\"}");
  }

  private void nodes(HttpExchange exchange) throws IOException {
    String ip = setup.address().getHostAddress();
    json(
        exchange,
        "{\"kind\":\"NodeList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},"
            + "\"items\":[{\"metadata\":{\"name\":\""
            + setup.nodeName()
            + "\",\"labels\":{"
            + "\"node-role.kubernetes.io/control-plane\":\"\"}},\"status\":{\"addresses\":[{"
            + "\"type\":\"InternalIP\",\"address\":\""
            + ip
            + "\"}],\"conditions\":[{\"type\":"
            + "\"Ready\",\"status\":\"True\"}],\"nodeInfo\":{\"kubeletVersion\":\""
            + setup.kubernetesVersion()
            + "\"}}}]}");
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
