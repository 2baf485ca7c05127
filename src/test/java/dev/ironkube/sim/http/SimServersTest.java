package dev.ironkube.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SimServersTest {
  @Test
  void aSimulatedServerTurnsNaglesAlgorithmOffBeforeItIsMade() throws Exception {
    System.clearProperty(SimServers.NO_DELAY);
    HttpServer server =
        SimServers.http(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    try {
      // The JDK reads the property when its first server is made; set it later and it is ignored.
      assertThat(Boolean.getBoolean(SimServers.NO_DELAY)).isTrue();
    } finally {
      server.stop(0);
    }
  }
}
