package dev.ironkube.talos.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.talos.kubeconfig.KubeconfigIdentity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Proves the Kubernetes API of a new cluster answers with the cluster's own CA and the admin
 * identity of its kubeconfig: TLS trusts that CA alone, so an API served with any other certificate
 * fails the handshake. Uses the JDK client, so the check costs no Kubernetes library start-up.
 */
public final class KubeApiProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI server;

  private KubeApiProbe(HttpClient http, URI server) {
    this.http = http;
    this.server = server;
  }

  /** A probe for the first cluster and user of an admin kubeconfig. */
  public static KubeApiProbe fromKubeconfig(String kubeconfig) {
    KubeconfigIdentity identity = KubeconfigIdentity.read(kubeconfig);
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(identity.sslContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return new KubeApiProbe(client, identity.server());
  }

  public URI server() {
    return server;
  }

  /**
   * The same probe dialling {@code host} instead of the kubeconfig's server (the endpoint may be a
   * DNS name not yet visible from here); TLS still checks the cluster CA and the host's SAN.
   */
  public KubeApiProbe dialling(String host) {
    return new KubeApiProbe(http, withHost(server, host));
  }

  static URI withHost(URI server, String host) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    int port = server.getPort() < 0 ? 6443 : server.getPort();
    return URI.create(server.getScheme() + "://" + h + ":" + port);
  }

  /** The server's version, when it answers with our CA. */
  public Optional<String> version() {
    return get("/version").map(n -> n.path("gitVersion").asText("unknown"));
  }

  /** Whether a node of that name is registered (empty when not), and whether it is Ready. */
  public Optional<Boolean> nodeReady(String node) {
    return readyCondition(node).map(c -> "True".equals(c.path("status").asText()));
  }

  /**
   * Why {@code node} is not Ready, as its kubelet says (the Ready condition's message: "container
   * runtime network not ready: ..." while no CNI runs); empty when it is Ready or unknown.
   */
  public Optional<String> notReadyMessage(String node) {
    return readyCondition(node)
        .filter(c -> !"True".equals(c.path("status").asText()))
        .map(c -> c.path("message").asText(""))
        .filter(m -> !m.isEmpty());
  }

  /** The kubelet version the node reports ({@code status.nodeInfo}); empty: no such node. */
  public Optional<String> kubeletVersion(String node) {
    return get("/api/v1/nodes")
        .flatMap(
            list -> {
              for (JsonNode n : list.path("items")) {
                if (node.equals(n.path("metadata").path("name").asText())) {
                  return Optional.of(
                      n.path("status").path("nodeInfo").path("kubeletVersion").asText(""));
                }
              }
              return Optional.empty();
            });
  }

  /** The node's Ready condition (an empty object when it has none yet); empty: no such node. */
  private Optional<JsonNode> readyCondition(String node) {
    return get("/api/v1/nodes")
        .flatMap(
            list -> {
              for (JsonNode n : list.path("items")) {
                if (!node.equals(n.path("metadata").path("name").asText())) {
                  continue;
                }
                for (JsonNode c : n.path("status").path("conditions")) {
                  if ("Ready".equals(c.path("type").asText())) {
                    return Optional.of(c);
                  }
                }
                return Optional.<JsonNode>of(JSON.createObjectNode());
              }
              return Optional.empty();
            });
  }

  private Optional<JsonNode> get(String path) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(server.resolve(path))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
