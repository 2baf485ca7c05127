package dev.ironkube.talos.factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Local ids checked against ids the factory published for the same content. */
class SchematicTest {
  @Test
  void vanillaMatchesTheWellKnownId() {
    assertThat(Schematic.VANILLA.yaml()).isEqualTo("customization: {}\n");
    assertThat(Schematic.VANILLA.localId())
        .isEqualTo("376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba");
  }

  @Test
  void oneExtensionMatchesThePublishedId() {
    assertThat(Schematic.withExtensions("siderolabs/qemu-guest-agent").localId())
        .isEqualTo("ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515");
  }

  @Test
  void kernelArgumentsComeBeforeExtensionsAndOddValuesAreQuoted() {
    Schematic schematic =
        new Schematic(
            List.of("siderolabs/intel-ucode"),
            List.of("console=ttyS0,115200", "net.ifnames=0", "a b"));

    assertThat(schematic.yaml())
        .isEqualTo(
            """
            customization:
                extraKernelArgs:
                    - console=ttyS0,115200
                    - net.ifnames=0
                    - "a b"
                systemExtensions:
                    officialExtensions:
                        - siderolabs/intel-ucode
            """);
  }
}
