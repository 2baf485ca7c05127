package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.platform.KubeConnection;
import dev.ironkube.platform.TestPki;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.InetAddress;
import java.time.Clock;

/**
 * One simulated API server over a seeded cluster, and raw GETs to it over mutual TLS with a chosen
 * Accept header, as kubectl sends them.
 */
final class KubeApiTestClient implements AutoCloseable {
  /** The Accept kubectl v1.32 sends for {@code get} (k8s.io/kubectl pkg/cmd/get/get.go). */
  static final String KUBECTL_TABLE_ACCEPT =
      "application/json;as=Table;v=v1;g=meta.k8s.io,"
          + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  private static final TestPki PKI = TestPki.create();
  private static final ObjectMapper JSON = new ObjectMapper();

  final KubeCluster cluster;
  private final KubeApiFake api;
  private final KubeConnection connection;

  KubeApiTestClient(KubeCluster cluster) throws Exception {
    this.cluster = cluster;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.api = new KubeApiFake(cluster, loopback, 0, PKI.caCertPem, PKI.caKeyPem, "cp-1");
    this.connection =
        KubeConnection.fromKubeconfig(PKI.kubeconfig(api.url().toString(), "system:masters"));
  }

  static KubeApiTestClient seeded(Clock clock, String controlPlane, String address)
      throws Exception {
    KubeCluster cluster =
        new KubeCluster(dev.ironkube.sim.TimeModel.instant(), dev.ironkube.sim.Faults.none(), clock)
            .seed(controlPlane, InetAddress.getByName(address));
    return new KubeApiTestClient(cluster);
  }

  /** The answer's status and JSON body. */
  record Reply(int status, JsonNode body) {}

  Reply get(String path, String accept) throws Exception {
    var http = connection.client().getHttpClient();
    HttpRequest request =
        http.newHttpRequestBuilder().uri(api.url() + path).setHeader("Accept", accept).build();
    HttpResponse<String> response = http.sendAsync(request, String.class).get();
    return new Reply(response.code(), JSON.readTree(response.body()));
  }

  @Override
  public void close() {
    connection.close();
    api.close();
  }
}
