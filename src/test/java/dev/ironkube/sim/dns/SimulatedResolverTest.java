package dev.ironkube.sim.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** A real run resolves through the JDK's own resolver; only a simulated run sees the zones. */
class SimulatedResolverTest {
  private static final InetAddressResolver.LookupPolicy POLICY =
      InetAddressResolver.LookupPolicy.of(InetAddressResolver.LookupPolicy.IPV4);

  /** Stands in for the JDK's builtin resolver: knows no name. */
  private static final InetAddressResolver BUILTIN =
      new InetAddressResolver() {
        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
            throws UnknownHostException {
          throw new UnknownHostException(host);
        }

        @Override
        public String lookupByAddress(byte[] addr) throws UnknownHostException {
          throw new UnknownHostException();
        }
      };

  @Test
  void aRealRunGetsTheBuiltinResolverItself() {
    assertThat(SimulatedResolver.choose(BUILTIN, false)).isSameAs(BUILTIN);
  }

  @Test
  void aSimulatedRunResolvesPublishedRecordsAndPassesTheRestOn() throws Exception {
    Function<String, List<String>> zone =
        name -> name.equals("api.demo.example.com") ? List.of("127.0.3.1") : List.of();
    SimulatedResolver.add(zone);
    try {
      InetAddressResolver r = SimulatedResolver.choose(BUILTIN, true);
      assertThat(r).isNotSameAs(BUILTIN);
      assertThat(
              r.lookupByName("API.demo.example.com", POLICY)
                  .map(InetAddress::getHostAddress)
                  .toList())
          .containsExactly("127.0.3.1");
      Assertions.assertThatThrownBy(() -> r.lookupByName("other.example.com", POLICY))
          .isInstanceOf(UnknownHostException.class);
    } finally {
      SimulatedResolver.remove(zone);
    }
  }
}
