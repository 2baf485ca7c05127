package dev.ironkube.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The class-load log is read the way HotSpot writes it (-Xlog:class+load, JDK 25). */
class ClassProfileTest {
  @Test
  void countsTheClassesTheCacheDidNotServe() {
    List<String> log =
        List.of(
            "[0.012s][info][class,load] java.lang.Object source: shared objects file",
            "[0.160s][info][class,load] dev.ironkube.cli.PlansCommand source: shared objects file",
            "[0.301s][info][class,load] java.util.logging.LogManager source: jrt:/java.logging",
            "[0.402s][info][class,load] picocli.CommandLine source: file:/x/ironkube-all.jar",
            "[0.410s][info][class,load] jdk.proxy2.$Proxy3 source: __JVM_DefineClass__",
            "[0.500s][info][startuptime] Create VM, 0.49 secs");

    ClassProfile p = ClassProfile.parse(log);

    assertThat(p.loaded()).isEqualTo(5);
    assertThat(p.notCached()).isEqualTo(3);
  }
}
