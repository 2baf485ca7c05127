package dev.ironkube.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
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
  void messagelessFailuresAreNamed() {
    assertThat(HttpManifestSource.why(new ConnectException())).contains("refused");
    assertThat(HttpManifestSource.why(new IOException())).isEqualTo("IOException");
    assertThat(HttpManifestSource.why(new IOException("reset"))).isEqualTo("reset");
  }
}
