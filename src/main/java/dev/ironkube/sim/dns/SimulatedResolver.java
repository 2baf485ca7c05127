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
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Name resolution for the simulated datacenter's DNS: a name published as A records in a running
 * simulator's Cloudflare zones resolves to those records, in this process, as it would through
 * public DNS once Cloudflare serves it. Every other name goes to the JDK's own resolver unchanged,
 * so a process without a simulator resolves exactly as it would without this class.
 *
 * <p>Registered through {@code META-INF/services/java.net.spi.InetAddressResolverProvider}; the JDK
 * loads it once, at the first lookup.
 */
public final class SimulatedResolver extends InetAddressResolverProvider {
  private static final Set<Function<String, List<String>>> ZONES = new CopyOnWriteArraySet<>();

  /** Makes a simulator's records resolvable until {@link #remove} (its close). */
  public static void add(Function<String, List<String>> zone) {
    ZONES.add(zone);
  }

  public static void remove(Function<String, List<String>> zone) {
    ZONES.remove(zone);
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
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
