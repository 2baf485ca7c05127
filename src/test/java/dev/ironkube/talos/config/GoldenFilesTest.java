package dev.ironkube.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.talos.testing.TestBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our own renderings, byte for byte, from the committed test bundle. After an intended change,
 * rewrite them with {@code ./mvnw test -Dironkube.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TalosVersion version : TalosVersion.values()) {
      for (NodeRole role : NodeRole.values()) {
        out.add(Arguments.of(version, role, "bootstrap"));
        out.add(Arguments.of(version, role, "locked"));
      }
      out.add(Arguments.of(version, NodeRole.CONTROLPLANE, "redacted"));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void renderingMatchesGoldenFile(TalosVersion version, NodeRole role, String variant)
      throws IOException {
    MachineConfigGenerator generator = new MachineConfigGenerator(TestBundles.fixed());
    MachineConfigInput input = Inputs.of(role, true);
    String rendered =
        switch (variant) {
          case "bootstrap" -> generator.render(version, input);
          case "locked" -> generator.renderLockedDown(version, input);
          default -> generator.renderRedacted(version, input);
        };
    Path file =
        GOLDEN.resolve(version.contract() + "-" + role.machineType() + "-" + variant + ".yaml");
    if (Boolean.getBoolean("ironkube.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, rendered);
    }
    assertThat(file)
        .as("golden file %s is missing; run with -Dironkube.updateGolden=true", file)
        .exists();
    assertThat(rendered).isEqualTo(Files.readString(file));
  }
}
