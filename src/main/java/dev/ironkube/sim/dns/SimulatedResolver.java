package dev.ironkube.sim.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Name resolution for the simulated datacenter's DNS: a name published as A records in a running
 * simulator's Cloudflare zones resolves to those records, in this process, as it would through
 * public DNS once Cloudflare serves it. Every other name goes to the JDK's own resolver unchanged.
 *
 * <p>Registered through {@code META-INF/services/java.net.spi.InetAddressResolverProvider}; the JDK
 * asks it once, at the first lookup, for the resolver of the whole process. Names reach the JDK
 * from every client (the JDK's HTTP client, fabric8, gRPC's Netty), so a resolver port of our own
 * could not cover them; instead the provider hands back the JDK's builtin resolver itself, not a
 * wrapper, unless the process is a simulated run: one that asked for the simulated backend or
 * started a simulated datacenter before its first lookup, or a JVM started with {@value
 * #ACTIVE_PROPERTY}=true (a test JVM, whose first lookup may come from any test).
 */
public final class SimulatedResolver extends InetAddressResolverProvider {
  /** The system property that makes a JVM a simulated run from its start. */
  public static final String ACTIVE_PROPERTY = "ironkube.sim.dns";

  private static final Set<Function<String, List<String>>> ZONES = new CopyOnWriteArraySet<>();

  /**
   * Set once by the first simulated run of the process; the JDK's resolver choice cannot be undone
   * either, so the flag needs no way back.
   */
  private static final AtomicBoolean ACTIVE = new AtomicBoolean();

  /**
   * Marks the process as a simulated run, so the JDK's first lookup gets the simulated resolver. A
   * lookup made before has fixed the JDK's builtin resolver for the process; simulated names then
   * do not resolve, as they would not for a real run.
   */
  public static void activate() {
    ACTIVE.set(true);
  }

  /** Makes a simulator's records resolvable until {@link #remove} (its close). */
  public static void add(Function<String, List<String>> zone) {
    activate();
    ZONES.add(zone);
  }

  public static void remove(Function<String, List<String>> zone) {
    ZONES.remove(zone);
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    return choose(
        configuration.builtinResolver(), ACTIVE.get() || Boolean.getBoolean(ACTIVE_PROPERTY));
  }

  /** The JDK's builtin resolver untouched for a real run; for a simulated one, the zones first. */
  static InetAddressResolver choose(InetAddressResolver builtin, boolean simulated) {
    if (!simulated) {
      return builtin;
    }
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        if (!ZONES.isEmpty()) {
          String name = host.toLowerCase(Locale.ROOT);
          List<InetAddress> found = new ArrayList<>();
          for (var zone : ZONES) {
            for (String address : zone.apply(name)) {
              found.add(InetAddress.getByAddress(host, literal(address)));
            }
          }
          if (!found.isEmpty()) {
            return found.stream();
          }
        }
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return builtin.lookupByAddress(addr);
      }
    };
  }

  private static byte[] literal(String ipv4) throws UnknownHostException {
    String[] parts = ipv4.split("\\.");
    if (parts.length != 4) {
      throw new UnknownHostException("not an IPv4 address: " + ipv4);
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }

  @Override
  public String name() {
    return "ironkube-simulated-dns";
  }
}
