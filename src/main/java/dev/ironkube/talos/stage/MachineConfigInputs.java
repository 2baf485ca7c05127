package dev.ironkube.talos.stage;

import static dev.ironkube.settings.SettingsCatalogue.KUBERNETES_VERSION;
import static dev.ironkube.settings.SettingsCatalogue.OPERATOR_CIDRS;
import static dev.ironkube.settings.SettingsCatalogue.OPERATOR_IP_URLS;
import static dev.ironkube.settings.SettingsCatalogue.POD_SUBNET;
import static dev.ironkube.settings.SettingsCatalogue.SERVICE_SUBNET;

import dev.ironkube.net.Cidr;
import dev.ironkube.settings.ConfigPatches;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.talos.config.FirewallPolicy;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.config.MachineConfigInput;
import dev.ironkube.talos.config.NodeRole;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.talos.patch.MachineConfigPatcher;
import dev.ironkube.talos.patch.MachineConfigPatcher.NodeKey;
import dev.ironkube.talos.patch.TalosSchemas;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.TalosStage.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a node's machine config is rendered from: the cluster it belongs to (endpoint, certSANs, the
 * firewall between nodes), its role and disk, the installer image and, on control planes, the
 * inline manifests; then the cluster document's machine-config patches for that node. Configure,
 * update, lock-down and preview all render from here, so a node's config differs between them only
 * in what they pass (the disk, the operator's addresses, locked down or not).
 */
final class MachineConfigInputs {
  private final TalosRun run;
  private final Supplier<String> installerImage;
  private final Supplier<Map<String, String>> inlineManifests;
  private final MachineConfigPatcher patcher;
  private List<String> detectedOperator;

  MachineConfigInputs(
      TalosRun run,
      Supplier<String> installerImage,
      Supplier<Map<String, String>> inlineManifests,
      TalosSchemas schemas) {
    this.run = run;
    this.installerImage = installerImage;
    this.inlineManifests = inlineManifests;
    this.patcher =
        new MachineConfigPatcher(ConfigPatches.of(run.settings()), schemas, run.progress()::warn);
  }

  /** The node's config as it is applied: rendered, then patched; locked down or not. */
  byte[] render(
      MachineConfigGenerator generator,
      ClusterNodes cluster,
      Node node,
      String disk,
      List<String> operator,
      boolean lockedDown) {
    MachineConfigInput input = input(cluster, node, disk, operator);
    String rendered =
        lockedDown
            ? generator.renderLockedDown(run.version(), input)
            : generator.render(run.version(), input);
    return patcher
        .apply(rendered, run.settings().require(SettingsCatalogue.TALOS_VERSION), key(node))
        .getBytes(StandardCharsets.UTF_8);
  }

  byte[] render(MachineConfigGenerator generator, ClusterNodes cluster, Node node, String disk) {
    return render(generator, cluster, node, disk, operatorCidrs(), false);
  }

  /** What the patches that apply to the node are, for the journal: a change means a new config. */
  String patchFingerprint(Node node) {
    return patcher.fingerprint(key(node));
  }

  private NodeKey key(Node node) {
    return NodeKey.of(run.cluster(), node.hostname(), node.controlPlane());
  }

  MachineConfigInput input(ClusterNodes cluster, Node node, String disk) {
    return input(cluster, node, disk, operatorCidrs());
  }

  MachineConfigInput input(ClusterNodes cluster, Node node, String disk, List<String> operator) {
    TalosVersion v = run.version();
    MachineConfigInput.Builder b = MachineConfigInput.builder();
    if (node.controlPlane()) {
      inlineManifests.get().forEach(b::inlineManifest);
    }
    return b.clusterName(run.cluster())
        .endpoint("https://" + hostForUrl(cluster.endpointHost()) + ":6443")
        .role(node.controlPlane() ? NodeRole.CONTROLPLANE : NodeRole.WORKER)
        .hostname(node.hostname())
        .certSans(certSans(cluster, node))
        .installDisk(disk)
        .installerImage(installerImage.get())
        .kubernetesVersion(
            run.settings().get(KUBERNETES_VERSION).orElse(v.defaultKubernetesVersion()))
        .podSubnets(List.of(run.settings().require(POD_SUBNET)))
        .serviceSubnets(List.of(run.settings().require(SERVICE_SUBNET)))
        .firewall(
            FirewallPolicy.bootstrap(
                operator,
                cluster.addresses().stream()
                    .map(MachineConfigInputs::hostCidr)
                    .distinct()
                    .toList()))
        .build();
  }

  /**
   * Configured, or detected once per run: the provider's maintenance firewall and the node's own
   * firewall must let in the same address.
   */
  synchronized List<String> operatorCidrs() {
    if (detectedOperator != null) {
      return detectedOperator;
    }
    List<String> configured = run.settings().list(OPERATOR_CIDRS);
    if (!configured.isEmpty()) {
      return configured;
    }
    List<URI> services = run.settings().list(OPERATOR_IP_URLS).stream().map(URI::create).toList();
    detectedOperator = List.of(OperatorAddress.detectCidr(HttpClient.newHttpClient(), services));
    return detectedOperator;
  }

  /** What a node's config depends on besides itself: a change means its config must change. */
  static String topology(ClusterNodes cluster) {
    return cluster.endpointHost()
        + " "
        + String.join(",", cluster.addresses().stream().sorted().toList());
  }

  /**
   * The journaled value a node's applied config is known by: the cluster around it and the patches
   * it carries (nothing for no patches, so journals from before patches read the same).
   */
  String appliedKey(ClusterNodes cluster, Node node) {
    String patches = patchFingerprint(node);
    return topology(cluster) + (patches.isEmpty() ? "" : " patches " + patches);
  }

  static String topologyKey(Node node) {
    return "cluster of " + node.serverId();
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /**
   * Every name the tool and users dial: the node's own address (apid), and for the API server on
   * any control plane the DNS name and every control plane's address.
   */
  static List<String> certSans(ClusterNodes cluster, Node node) {
    LinkedHashSet<String> sans = new LinkedHashSet<>();
    sans.add(node.address());
    sans.addAll(cluster.apiNames());
    return List.copyOf(sans);
  }

  /** A node's address as the single-host network the firewall between nodes lets in. */
  static String hostCidr(String address) {
    return Cidr.host(address)
        .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + address))
        .toString();
  }
}
