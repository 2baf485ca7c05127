package dev.ironkube.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A failed download names what failed, never "null". */
class HttpManifestSourceTest {
  @Test
  void aRefusedConnectionIsNamed() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/install.yaml");
    assertThatThrownBy(() -> HttpManifestSource.create().fetch(url))
        .hasMessageContaining("cannot download " + url)
        .hasMessageNotContaining("null");
  }

  @Test
  void aMirrorServesTheFileAtHostAndPath() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> asked = new CopyOnWriteArrayList<>();
    server.createContext(
        "/",
        exchange -> {
          asked.add(exchange.getRequestURI().getPath());
          boolean known =
              exchange
                  .getRequestURI()
                  .getPath()
                  .equals(
                      "/m/raw.githubusercontent.com/argoproj/argo-cd/v3.4.9/manifests/install.yaml");
          byte[] body = (known ? "kind: List\n" : "").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      URI mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/m");
      HttpManifestSource source = HttpManifestSource.create(mirror);
      URI pinned =
          URI.create(
              "https://raw.githubusercontent.com/argoproj/argo-cd/v3.4.9/manifests/install.yaml");
      assertThat(source.fetch(pinned)).isEqualTo("kind: List\n");
      assertThat(asked)
          .containsExactly(
              "/m/raw.githubusercontent.com/argoproj/argo-cd/v3.4.9/manifests/install.yaml");
      URI missing = URI.create("https://example.org/v1/other.yaml");
      assertThatThrownBy(() -> source.fetch(missing))
          .hasMessageContaining("answered HTTP 404")
          .hasMessageContaining(mirror + "/example.org/v1/other.yaml");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void messagelessFailuresAreNamed() {
    assertThat(HttpManifestSource.why(new ConnectException())).contains("refused");
    assertThat(HttpManifestSource.why(new IOException())).isEqualTo("IOException");
    assertThat(HttpManifestSource.why(new IOException("reset"))).isEqualTo("reset");
  }
}
