package dev.ironkube.workflow.provision;

import dev.ironkube.provider.TalosBoot;
import java.util.List;

/** Where Talos comes from: the Image Factory, behind the workflow's own narrow port. */
public interface ImageSource {
  /** Creates (or finds) the schematic with these system extensions; returns its id. */
  String schematic(List<String> extensions);

  /** The boot URLs of a schematic at a Talos version. */
  TalosBoot boot(String schematicId, String talosVersion);

  /**
   * The Talos versions the factory offers, oldest first; empty when it cannot say, which the
   * preflight takes as "not checked" rather than as "none".
   */
  default List<String> talosVersions() {
    return List.of();
  }

  /** The installer image reference written into the machine config. */
  String installerImage(String schematicId, String talosVersion);
}
