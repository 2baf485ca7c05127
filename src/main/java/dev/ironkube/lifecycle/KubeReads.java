package dev.ironkube.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.kubeconfig.KubeconfigIdentity;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Kubernetes reads the health checks make (nodes, pods by label, DaemonSets), over the JDK
 * client with the admin kubeconfig's identity and its cluster CA alone, so no Kubernetes library
 * starts for a health check.
 */
final class KubeReads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI server;

  private KubeReads(HttpClient http, URI server) {
    this.http = http;
    this.server = server;
  }

  static KubeReads fromKubeconfig(String kubeconfig) {
    KubeconfigIdentity identity = KubeconfigIdentity.read(kubeconfig);
    return new KubeReads(
        HttpClient.newBuilder()
            .sslContext(identity.sslContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        identity.server());
  }

  URI server() {
    return server;
  }

  /**
   * The same identity dialling {@code host} (a control plane's address) instead of the kubeconfig's
   * server, whose DNS name may not resolve from here; TLS still checks the cluster CA and the host
   * against the apiserver certificate's SANs.
   */
  KubeReads dialling(String host) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    int port = server.getPort() < 0 ? 6443 : server.getPort();
    return new KubeReads(http, URI.create(server.getScheme() + "://" + h + ":" + port));
  }

  JsonNode nodes() {
    return get("/api/v1/nodes");
  }

  JsonNode pods(String namespace, String labelSelector) {
    return get(
        "/api/v1/namespaces/"
            + namespace
            + "/pods?labelSelector="
            + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
  }

  JsonNode daemonSets(String namespace, String labelSelector) {
    return get(
        "/apis/apps/v1/namespaces/"
            + namespace
            + "/daemonsets?labelSelector="
            + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(server.resolve(path))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new RemoteServiceException.Transient(
            "Kubernetes API at " + server, "GET " + path + " answered " + r.statusCode(), null);
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new RemoteServiceException.Transient(
          "Kubernetes API at " + server, "GET " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteServiceException.Transient(
          "Kubernetes API at " + server, "GET " + path + " interrupted", e);
    }
  }
}
