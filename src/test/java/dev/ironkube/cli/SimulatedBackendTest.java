package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.UserInputException;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import org.junit.jupiter.api.Test;

/** --simulate finds the simulator through ServiceLoader, and says so plainly when it is absent. */
class SimulatedBackendTest {
  @Test
  void theSimulatorIsFoundOnTheClassPath() {
    assertThat(SimulatedBackend.require().getClass().getName())
        .isEqualTo("dev.ironkube.sim.daemon.DaemonBackend");
  }

  @Test
  void aBuildWithoutTheSimulatorRefusesSimulateClearly() {
    // A class path whose jars register no backend, as a product-only build has.
    ClassLoader without =
        new ClassLoader(getClass().getClassLoader()) {
          @Override
          public Enumeration<URL> getResources(String name) throws IOException {
            return name.equals("META-INF/services/" + SimulatedBackend.class.getName())
                ? Collections.emptyEnumeration()
                : super.getResources(name);
          }
        };
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(without);
    try {
      assertThatThrownBy(SimulatedBackend::require)
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("--simulate needs the embedded simulated datacenter")
          .hasMessageContaining("does not include");
    } finally {
      t.setContextClassLoader(before);
    }
  }
}
