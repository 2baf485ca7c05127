package dev.ironkube.workflow.provision;

import dev.ironkube.workflow.Phase;
import java.nio.file.Path;
import java.util.List;

/** The Talos half of the pipeline, from a booted node to a healthy cluster. */
public interface TalosStage {
  /** Proves the node's Talos API answers (in maintenance mode, or over mTLS once configured). */
  NodeBoot boot(String hostname, String serverId);

  /** The phases after boot (configure, bootstrap, health, kubeconfig) for this node. */
  List<Phase> phases(Node node);

  /**
   * The addresses the operator's CLI connects from, as the node sees them: what the node's firewall
   * lets in during bootstrap, and what a provider firewall lets reach the maintenance API.
   */
  default List<String> operatorCidrs() {
    return List.of();
  }

  /**
   * Writes the machine configs a run would apply into {@code dir} (secrets included, 0600) and
   * returns the files, for --dry-run.
   */
  List<Path> preview(Path dir, Node node);

  /**
   * The node the stage works on. {@code address} is what the tool dials; {@code serverId} ties
   * journaled actions to this server, so a new server of the same name is configured afresh.
   */
  record Node(String hostname, String address, String serverId) {}
}
