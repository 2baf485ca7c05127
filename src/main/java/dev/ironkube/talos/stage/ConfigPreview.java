package dev.ironkube.talos.stage;

import static dev.ironkube.settings.SettingsCatalogue.INSTALL_DISK;
import static dev.ironkube.settings.SettingsCatalogue.OPERATOR_CIDRS;
import static dev.ironkube.settings.SettingsCatalogue.TALOS_VERSION;

import dev.ironkube.store.SecureFiles;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.patch.ConfigRedaction;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.TalosStage.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dry run's machine configs: one control plane and, if any, one worker, rendered from a throwaway
 * secrets bundle and patched, in full and redacted, without touching a node or the cluster's own
 * secrets. A patch that does not apply fails the dry run as it would fail the real one.
 */
final class ConfigPreview {
  /** A documentation address (RFC 5737) standing in for the operator a dry run does not detect. */
  static final String PREVIEW_OPERATOR = "198.51.100.10/32";

  private final TalosRun run;
  private final MachineConfigInputs inputs;

  ConfigPreview(TalosRun run, MachineConfigInputs inputs) {
    this.run = run;
    this.inputs = inputs;
  }

  List<Path> preview(Path dir, ClusterNodes cluster) {
    MachineConfigGenerator generator = new MachineConfigGenerator(ClusterSecrets.ephemeral());
    List<String> configured = run.settings().list(OPERATOR_CIDRS);
    List<String> operator = configured.isEmpty() ? List.of(PREVIEW_OPERATOR) : configured;
    String disk = run.settings().get(INSTALL_DISK).orElse("/dev/nvme0n1");
    List<Path> written = new ArrayList<>();
    List<Node> samples = new ArrayList<>(List.of(cluster.first()));
    cluster.workers().stream().findFirst().ifPresent(samples::add);
    for (Node node : samples) {
      String base = node.controlPlane() ? "controlplane" : "worker";
      Path full = dir.resolve(base + ".yaml");
      byte[] rendered = inputs.render(generator, cluster, node, disk, operator, false);
      SecureFiles.write(full, rendered);
      written.add(full);
      Path redacted = dir.resolve(base + ".redacted.yaml");
      // With patches, the patched config redacted; without, the generator's own redacted form.
      SecureFiles.write(
          redacted,
          inputs.patchFingerprint(node).isEmpty()
              ? generator.renderRedacted(run.version(), inputs.input(cluster, node, disk, operator))
              : ConfigRedaction.redact(new String(rendered, StandardCharsets.UTF_8)));
      written.add(redacted);
    }
    return written;
  }

  /** See {@link dev.ironkube.workflow.provision.TalosStage#checkPatches}. */
  Optional<String> checkPatches(ClusterNodes cluster) {
    long patched =
        cluster.nodes().stream().filter(n -> !inputs.patchFingerprint(n).isEmpty()).count();
    if (patched == 0) {
      return Optional.empty();
    }
    MachineConfigGenerator generator = new MachineConfigGenerator(ClusterSecrets.ephemeral());
    String disk = run.settings().get(INSTALL_DISK).orElse("/dev/nvme0n1");
    for (Node node : cluster.nodes()) {
      inputs.render(generator, cluster, node, disk, List.of(PREVIEW_OPERATOR), false);
    }
    return Optional.of(
        patched
            + " of "
            + cluster.nodes().size()
            + " node config(s) patched, schema "
            + run.settings().require(TALOS_VERSION));
  }
}
