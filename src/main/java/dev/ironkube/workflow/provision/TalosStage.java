package dev.ironkube.workflow.provision;

import dev.ironkube.workflow.Phase;
import java.nio.file.Path;
import java.util.List;

/** The Talos half of the pipeline, from a booted node to a healthy cluster. */
public interface TalosStage {
  /** Proves the node's Talos API answers in maintenance mode. */
  NodeBoot boot();

  /** The phases after boot (configure, bootstrap, health, kubeconfig) for this node. */
  List<Phase> phases(Node node);

  /**
   * Writes the machine configs a run would apply into {@code dir} (secrets included, 0600) and
   * returns the files, for --dry-run.
   */
  List<Path> preview(Path dir, Node node);

  /** The node the stage works on. {@code address} is what the tool dials. */
  record Node(String hostname, String address) {}
}
