package dev.ironkube.talos.stage;

import dev.ironkube.settings.Settings;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.talos.patch.TalosSchemas;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.Lockdowns;
import dev.ironkube.workflow.provision.NodeBoot;
import dev.ironkube.workflow.provision.TalosStage;
import dev.ironkube.workflow.upgrade.NodeConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * From nodes in Talos maintenance mode to a bootstrapped cluster: one secrets bundle, a machine
 * config per node (control plane or worker) for its real disks and the Talos version, knowing every
 * node of the cluster (endpoint, certSANs, the firewall between nodes), apply, wait for mTLS with
 * our CA, bootstrap etcd once on the first control plane, wait for the core services, fetch the
 * kubeconfig, prove the Kubernetes API answers with the cluster's CA, then wait for every other
 * node to join and turn Ready. Each of those is a part of its own ({@link NodeConfiguration},
 * {@link ClusterJoin}, {@link NodeLockdown}, {@link NodeRetirement}, {@link ConfigPreview}); this
 * class only composes them behind the workflow's ports.
 */
public final class TalosBootstrap implements TalosStage, Lockdowns {
  /** Documentation addresses (RFC 5737) standing in for what a dry run cannot know yet. */
  public static final String PREVIEW_SERVER = "192.0.2.10";

  private final TalosRun run;
  private final MachineConfigInputs inputs;
  private final NodeConfiguration configuration;
  private final ClusterJoin join;
  private final NodeLockdown lockdown;
  private final NodeRetirement retirement;
  private final ConfigPreview preview;

  /**
   * @param installerImage the Image Factory installer reference, known once the schematic is
   * @param inlineManifests manifests Talos applies once the API server is up (Cilium, Secrets)
   * @param schemas the Talos releases' config schemas, which patched configs are checked against
   */
  public TalosBootstrap(
      Settings settings,
      ClusterFiles files,
      Gate gate,
      Progress progress,
      Cancellation cancellation,
      Clock clock,
      Supplier<String> installerImage,
      Supplier<Map<String, String>> inlineManifests,
      TalosSchemas schemas) {
    TalosRun run =
        new TalosRun(
            settings, files, gate, progress, cancellation, clock, new ClusterSecrets(files));
    this.run = run;
    this.inputs = new MachineConfigInputs(run, installerImage, inlineManifests, schemas);
    this.configuration = new NodeConfiguration(run, inputs);
    this.join = new ClusterJoin(run);
    this.lockdown = new NodeLockdown(run, inputs);
    this.retirement = new NodeRetirement(run);
    this.preview = new ConfigPreview(run, inputs);
  }

  @Override
  public NodeBoot boot(String hostname, String serverId) {
    return configuration.boot(hostname, serverId);
  }

  @Override
  public void prepareSecrets() {
    configuration.prepareSecrets();
  }

  @Override
  public void prepareSecretsInBackground() {
    configuration.prepareSecretsInBackground();
  }

  @Override
  public void configure(ClusterNodes cluster, Node node) {
    configuration.configure(cluster, node);
  }

  @Override
  public void lockDown(ClusterNodes cluster) {
    lockdown.lockDown(cluster);
  }

  @Override
  public void bootstrap(ClusterNodes cluster) {
    join.bootstrap(cluster);
  }

  @Override
  public void join(ClusterNodes cluster, Node node) {
    join.join(cluster, node);
  }

  @Override
  public void retire(ClusterNodes cluster, Node node) {
    retirement.retire(cluster, node);
  }

  /**
   * Configured, or detected once per run: the provider's maintenance firewall and the node's own
   * firewall must let in the same address.
   */
  @Override
  public List<String> operatorCidrs() {
    return inputs.operatorCidrs();
  }

  @Override
  public List<Path> preview(Path dir, ClusterNodes cluster) {
    return preview.preview(dir, cluster);
  }

  @Override
  public Optional<String> checkPatches(ClusterNodes cluster) {
    return preview.checkPatches(cluster);
  }

  /**
   * Each node's config as the document renders it, for apply and diff; the cluster as the journal
   * and the nodes describe it (nodes with their server ids, the endpoint's DNS name if any).
   */
  public NodeConfigs nodeConfigs(ClusterNodes cluster) {
    return new DocumentConfigs(run, inputs, cluster);
  }
}
