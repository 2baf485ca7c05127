package dev.ironkube.talos.stage;

import static dev.ironkube.settings.SettingsCatalogue.BOOTSTRAP_TIMEOUT;
import static dev.ironkube.settings.SettingsCatalogue.INSTALL_DISK;
import static dev.ironkube.settings.SettingsCatalogue.KUBERNETES_VERSION;
import static dev.ironkube.settings.SettingsCatalogue.OPERATOR_CIDRS;
import static dev.ironkube.settings.SettingsCatalogue.POD_SUBNET;
import static dev.ironkube.settings.SettingsCatalogue.SERVICE_SUBNET;
import static dev.ironkube.settings.SettingsCatalogue.TALOS_BOOT_TIMEOUT;
import static dev.ironkube.settings.SettingsCatalogue.TALOS_POLL;
import static dev.ironkube.settings.SettingsCatalogue.TALOS_VERSION;

import dev.ironkube.access.Lockdown;
import dev.ironkube.access.LockdownTarget;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.settings.Settings;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.SecureFiles;
import dev.ironkube.talos.api.DiskInfo;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.config.FirewallPolicy;
import dev.ironkube.talos.config.InstallDisk;
import dev.ironkube.talos.config.InstallDiskChooser;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.config.MachineConfigInput;
import dev.ironkube.talos.config.NodeRole;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.Wait;
import dev.ironkube.workflow.provision.Lockdowns;
import dev.ironkube.workflow.provision.NodeBoot;
import dev.ironkube.workflow.provision.TalosStage;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * From a node in Talos maintenance mode to a bootstrapped single-node cluster: secrets bundle,
 * machine config for the node's real disks and Talos version, apply, wait for mTLS with our CA,
 * bootstrap etcd once, wait for the core services, fetch the kubeconfig, and prove the Kubernetes
 * API answers with the cluster's CA.
 */
public final class TalosBootstrap implements TalosStage, Lockdowns {
  static final Set<String> CORE_SERVICES = Set.of("etcd", "kubelet", "apid", "trustd");

  /** Documentation addresses (RFC 5737) standing in for what a dry run cannot know yet. */
  public static final String PREVIEW_SERVER = "192.0.2.10";

  static final String PREVIEW_OPERATOR = "198.51.100.10/32";

  private final Settings settings;
  private final ClusterFiles files;
  private final Gate gate;
  private final Progress progress;
  private final Cancellation cancellation;
  private final Clock clock;
  private final Supplier<String> installerImage;
  private final Supplier<Map<String, String>> inlineManifests;
  private final ClusterSecrets secrets;
  private List<String> detectedOperator;

  /**
   * @param installerImage the Image Factory installer reference, known once the schematic is
   * @param inlineManifests manifests Talos applies once the API server is up (Cilium, Secrets)
   */
  public TalosBootstrap(
      Settings settings,
      ClusterFiles files,
      Gate gate,
      Progress progress,
      Cancellation cancellation,
      Clock clock,
      Supplier<String> installerImage,
      Supplier<Map<String, String>> inlineManifests) {
    this.settings = settings;
    this.files = files;
    this.gate = gate;
    this.progress = progress;
    this.cancellation = cancellation;
    this.clock = clock;
    this.installerImage = installerImage;
    this.inlineManifests = inlineManifests;
    this.secrets = new ClusterSecrets(files);
  }

  private String cluster() {
    return settings.clusterName();
  }

  private TalosVersion version() {
    return TalosVersion.parse(settings.require(TALOS_VERSION));
  }

  private Polling polling(Progress.Step step) {
    return Polling.defaults()
        .withClock(clock)
        .withSleeper(cancellation)
        .withInterval(settings.duration(TALOS_POLL))
        .withProgress(line -> step.update(line, -1));
  }

  private String applyAction(Node node) {
    return applyAction(node.hostname(), node.serverId());
  }

  private String applyAction(String hostname, String serverId) {
    return "apply config " + hostname + " (" + serverId + ")";
  }

  @Override
  public NodeBoot boot(String hostname, String serverId) {
    secrets.prepareInBackground();
    return address -> {
      boolean configured = gate.journal().hasActed(applyAction(hostname, serverId));
      try (TalosClient client =
          configured
              ? TalosClient.secure(address, identityFor(address))
              : TalosClient.maintenance(address)) {
        client.version();
        return new Wait.Poll.Done<>(address);
      } catch (IronkubeException e) {
        return new Wait.Poll.NotYet<>("not answering yet", -1);
      }
    };
  }

  private dev.ironkube.talos.api.TalosIdentity identityFor(String address) {
    return ClusterSecrets.identity(secrets.talosconfig(cluster(), address));
  }

  @Override
  public List<Phase> phases(Node node) {
    return List.of(
        Phase.always("configure", "Configuring Talos", () -> configure(node)),
        Phase.always("bootstrap", "Bootstrapping Kubernetes", () -> bootstrap(node)));
  }

  private void configure(Node node) {
    Progress.Step step = progress.step("Generating secrets bundle");
    SecretsBundle bundle = secrets.bundle();
    boolean existed = !secrets.generatedHere();
    step.done(existed ? "reusing " + files.secrets().getFileName() : "written 0600");
    Talosconfig talosconfig = secrets.talosconfig(cluster(), node.address());

    if (gate.journal().hasActed(applyAction(node))) {
      progress.info("The machine config was applied by an earlier run; checking the node");
    } else {
      Progress.Step disks = progress.step("Reading the node's disks");
      String disk;
      try (TalosClient maintenance =
          TalosClient.maintenance(node.address(), 50000, polling(disks))) {
        disk = chooseDisk(maintenance.disks());
      }
      disks.done(disk);
      gate.journal().value(diskKey(node), disk);

      Progress.Step render =
          progress.step("Rendering machine config (Talos " + version().contract() + ")");
      MachineConfigInput input = input(node, disk);
      byte[] config =
          new MachineConfigGenerator(bundle)
              .render(version(), input)
              .getBytes(StandardCharsets.UTF_8);
      render.done(config.length / 1024 + " KiB, firewall default-block");

      Progress.Step apply = progress.step("Applying machine config");
      var result =
          gate.act(
              "talos",
              applyAction(node),
              Map.of("address", node.address()),
              () -> {
                try (TalosClient maintenance =
                    TalosClient.maintenance(node.address(), 50000, polling(apply))) {
                  return maintenance.applyConfiguration(config);
                }
              });
      apply.done(
          result.outcome() == dev.ironkube.talos.api.ApplyResult.Outcome.APPLIED
              ? "applied, rebooting"
              : "connection dropped as the node rebooted");
    }

    Progress.Step secure = progress.step("Waiting for the node to answer with our CA (mTLS)");
    try (TalosClient client =
        TalosClient.secure(
            node.address(), 50000, ClusterSecrets.identity(talosconfig), polling(secure))) {
      var v = client.awaitSecure(settings.duration(TALOS_BOOT_TIMEOUT));
      secure.done("Talos " + v.tag());
    }
  }

  private static String diskKey(Node node) {
    return "install disk " + node.serverId();
  }

  /**
   * Re-applies the config this run applied, without the operator's allows, over mTLS, and proves
   * from outside that 50000 and 6443 no longer answer. Only called once another way in (Teleport)
   * is verified.
   */
  @Override
  public void lockDown(Node node) {
    Progress.Step step = progress.step("Removing the operator's access to 50000 and 6443");
    String disk =
        gate.journal()
            .value(diskKey(node))
            .orElseThrow(() -> new OperationFailedException("no install disk was journaled", ""));
    MachineConfigInput input = input(node, disk);
    Talosconfig talosconfig = secrets.talosconfig(cluster(), node.address());
    try (TalosClient client =
        TalosClient.secure(
            node.address(), 50000, ClusterSecrets.identity(talosconfig), polling(step))) {
      gate.act(
          "talos",
          "lock down " + node.hostname() + " (" + node.serverId() + ")",
          Map.of("address", node.address()),
          () ->
              new Lockdown(line -> step.update(line, -1))
                  .lockDown(
                      client,
                      new MachineConfigGenerator(secrets.bundle()),
                      version(),
                      input,
                      LockdownTarget.of(node.address())));
    }
    step.done("closed from outside");
  }

  private void bootstrap(Node node) throws Exception {
    Talosconfig talosconfig = secrets.talosconfig(cluster(), node.address());
    Duration timeout = settings.duration(BOOTSTRAP_TIMEOUT);
    Progress.Step etcd = progress.step("Bootstrapping etcd");
    try (TalosClient client =
        TalosClient.secure(
            node.address(), 50000, ClusterSecrets.identity(talosconfig), polling(etcd))) {
      var result =
          gate.act(
              "talos",
              "bootstrap etcd " + node.hostname() + " (" + node.serverId() + ")",
              Map.of("address", node.address()),
              () -> client.bootstrap(timeout));
      etcd.done(
          result == TalosClient.BootstrapResult.BOOTSTRAPPED ? "done" : "already bootstrapped");

      Progress.Step health = progress.step("Waiting for etcd, kubelet, apid and trustd");
      try (TalosClient watcher =
          TalosClient.secure(
              node.address(), 50000, ClusterSecrets.identity(talosconfig), polling(health))) {
        watcher.awaitHealthy(CORE_SERVICES, timeout);
      }
      health.done("healthy");

      Progress.Step kube = progress.step("Fetching kubeconfig");
      byte[] kubeconfig = client.kubeconfig();
      SecureFiles.write(files.kubeconfig(), kubeconfig);
      kube.done(files.kubeconfig().toString());
    }
    awaitKubernetes(node, timeout);
  }

  private void awaitKubernetes(Node node, Duration timeout) throws Exception {
    Progress.Step api = progress.step("Waiting for the Kubernetes API and the node");
    KubeApiProbe probe =
        KubeApiProbe.fromKubeconfig(java.nio.file.Files.readString(files.kubeconfig()));
    new Wait(clock, cancellation, new java.util.Random())
        .until(
            "the Kubernetes API at " + probe.server(),
            timeout,
            settings.duration(TALOS_POLL),
            api,
            () -> {
              if (probe.version().isEmpty()) {
                return new Wait.Poll.NotYet<>("API not answering with the cluster CA yet", -1);
              }
              return probe
                  .nodeReady(node.hostname())
                  .<Wait.Poll<Boolean>>map(
                      ready ->
                          ready
                              ? new Wait.Poll.Done<>(true)
                              : new Wait.Poll.NotYet<>("node registered, not Ready yet", -1))
                  .orElseGet(() -> new Wait.Poll.NotYet<>("node not registered yet", -1));
            });
    api.done("node " + node.hostname() + " Ready");
  }

  private String chooseDisk(List<DiskInfo> disks) {
    var configured = settings.get(INSTALL_DISK);
    if (configured.isPresent()) {
      boolean present = disks.stream().anyMatch(d -> d.path().equals(configured.get()));
      if (!present) {
        throw new OperationFailedException(
            "the install disk "
                + configured.get()
                + " is not among the node's disks ("
                + String.join(", ", disks.stream().map(DiskInfo::path).toList())
                + ")",
            "set spec.talos.installDisk to one of them, or remove it to choose automatically");
      }
      return configured.get();
    }
    return new InstallDiskChooser()
        .choose(
            disks.stream()
                .map(d -> new InstallDisk(d.path(), d.sizeBytes(), d.type(), d.model()))
                .toList())
        .path();
  }

  private MachineConfigInput input(Node node, String disk) {
    return input(node, disk, operatorCidrs());
  }

  private MachineConfigInput input(Node node, String disk, List<String> operator) {
    TalosVersion v = version();
    return withManifests(MachineConfigInput.builder())
        .clusterName(cluster())
        .endpoint("https://" + node.address() + ":6443")
        .role(NodeRole.CONTROLPLANE)
        .hostname(node.hostname())
        .certSans(certSans(node))
        .installDisk(disk)
        .installerImage(installerImage.get())
        .kubernetesVersion(settings.get(KUBERNETES_VERSION).orElse(v.defaultKubernetesVersion()))
        .podSubnets(List.of(settings.require(POD_SUBNET)))
        .serviceSubnets(List.of(settings.require(SERVICE_SUBNET)))
        .firewall(FirewallPolicy.bootstrap(operator, List.of(hostCidr(node.address()))))
        .build();
  }

  private MachineConfigInput.Builder withManifests(MachineConfigInput.Builder b) {
    inlineManifests.get().forEach(b::inlineManifest);
    return b;
  }

  /**
   * Configured, or detected once per run: the provider's maintenance firewall and the node's own
   * firewall must let in the same address.
   */
  @Override
  public synchronized List<String> operatorCidrs() {
    if (detectedOperator != null) {
      return detectedOperator;
    }
    List<String> configured = settings.list(OPERATOR_CIDRS);
    if (!configured.isEmpty()) {
      return configured;
    }
    List<java.net.URI> services =
        settings.list(dev.ironkube.settings.SettingsCatalogue.OPERATOR_IP_URLS).stream()
            .map(java.net.URI::create)
            .toList();
    detectedOperator = List.of(OperatorAddress.detectCidr(HttpClient.newHttpClient(), services));
    return detectedOperator;
  }

  /** Every name the tool and users dial: the address, and the DNS name when one is published. */
  private List<String> certSans(Node node) {
    List<String> sans = new ArrayList<>(List.of(node.address()));
    settings.get(dev.ironkube.settings.SettingsCatalogue.DNS_NAME).ifPresent(sans::add);
    return sans;
  }

  private static String hostCidr(String address) {
    return address.contains(":") ? address + "/128" : address + "/32";
  }

  @Override
  public List<Path> preview(Path dir, Node node) {
    SecretsBundle bundle = ClusterSecrets.ephemeral();
    MachineConfigGenerator generator = new MachineConfigGenerator(bundle);
    List<String> configured = settings.list(OPERATOR_CIDRS);
    MachineConfigInput input =
        input(
            node,
            settings.get(INSTALL_DISK).orElse("/dev/nvme0n1"),
            configured.isEmpty() ? List.of(PREVIEW_OPERATOR) : configured);
    List<Path> written = new ArrayList<>();
    Path cp = dir.resolve("controlplane.yaml");
    SecureFiles.write(cp, generator.render(version(), input));
    written.add(cp);
    Path redacted = dir.resolve("controlplane.redacted.yaml");
    SecureFiles.write(redacted, generator.renderRedacted(version(), input));
    written.add(redacted);
    return written;
  }
}
