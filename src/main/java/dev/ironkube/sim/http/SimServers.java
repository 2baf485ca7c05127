package dev.ironkube.sim.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Where every simulated HTTP(S) service gets its server: the JDK's, with Nagle's algorithm off on
 * the connections it accepts.
 *
 * <p>The JDK server leaves TCP_NODELAY off unless the system property {@code
 * sun.net.httpserver.nodelay} was true when its first server was made (ServerConfig reads it once
 * per JVM). It writes a response's head and body as two small segments, so on a reused connection
 * the body waited for the client's delayed acknowledgement: 40 ms per request on Linux, which no
 * real service we model charges (their front ends set TCP_NODELAY) and which made every read
 * command look 60 ms slower against the simulator than it is.
 */
public final class SimServers {
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private SimServers() {}

  public static HttpServer http(InetSocketAddress address, int backlog) throws IOException {
    noDelay();
    return HttpServer.create(address, backlog);
  }

  public static HttpsServer https(InetSocketAddress address, int backlog) throws IOException {
    noDelay();
    return HttpsServer.create(address, backlog);
  }

  /** Before the JVM's first server; a later change would not be read. */
  private static void noDelay() {
    System.setProperty(NO_DELAY, "true");
  }
}
