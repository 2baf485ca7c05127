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
import dev.ironkube.workflow.ActionKind;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.Wait;
import dev.ironkube.workflow.provision.ClusterNodes;
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
 * From nodes in Talos maintenance mode to a bootstrapped cluster: one secrets bundle, a machine
 * config per node (control plane or worker) for its real disks and the Talos version, knowing every
 * node of the cluster (endpoint, certSANs, the firewall between nodes), apply, wait for mTLS with
 * our CA, bootstrap etcd once on the first control plane, wait for the core services, fetch the
 * kubeconfig, prove the Kubernetes API answers with the cluster's CA, then wait for every other
 * node to join and turn Ready.
 */
public final class TalosBootstrap implements TalosStage, Lockdowns {
  static final Set<String> CORE_SERVICES = Set.of("etcd", "kubelet", "apid", "trustd");

  /** Workers run neither etcd nor trustd. */
  static final Set<String> WORKER_SERVICES = Set.of("kubelet", "apid");

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
              ? TalosClient.secure(address, secrets.identity(cluster(), address))
              : TalosClient.maintenance(address)) {
        client.version();
        return new Wait.Poll.Done<>(address);
      } catch (IronkubeException e) {
        return new Wait.Poll.NotYet<>("not answering yet", -1);
      }
    };
  }

  @Override
  public void prepareSecrets() {
    TalosVersion talos = version();
    if (talos.outOfCommunitySupport()) {
      progress.warn(
          "Talos "
              + settings.require(TALOS_VERSION)
              + " is out of community support (Talos 1."
              + talos.minor()
              + " gets no more fixes); consider "
              + dev.ironkube.settings.TalosReleases.current().newestPatch());
    }
    Progress.Step step = progress.step("Generating secrets bundle");
    secrets.bundle();
    boolean existed = !secrets.generatedHere();
    step.done(existed ? "reusing " + files.secrets().getFileName() : "written 0600");
  }

  private Talosconfig talosconfig(ClusterNodes cluster) {
    return secrets.talosconfig(
        cluster(),
        cluster.controlPlanes().stream().map(Node::address).toList(),
        cluster.addresses());
  }

  private dev.ironkube.talos.api.TalosIdentity identity(ClusterNodes cluster) {
    return ClusterSecrets.identity(talosconfig(cluster));
  }

  /** What a node's config depends on besides itself: a change means its config must change. */
  private static String topology(ClusterNodes cluster) {
    return cluster.endpointHost()
        + " "
        + String.join(",", cluster.addresses().stream().sorted().toList());
  }

  private static String topologyKey(Node node) {
    return "cluster of " + node.serverId();
  }

  private String label(Node node) {
    return node.hostname();
  }

  @Override
  public void configure(ClusterNodes cluster, Node node) {
    SecretsBundle bundle = secrets.bundle();
    var identity = identity(cluster);
    String topology = topology(cluster);
    if (gate.journal().hasActed(applyAction(node))) {
      String applied = gate.journal().value(topologyKey(node)).orElse(topology);
      if (!applied.equals(topology)) {
        update(cluster, node, identity, topology);
      }
    } else {
      Progress.Step disks = progress.step(label(node) + ": reading disks");
      String disk;
      try (TalosClient maintenance =
          TalosClient.maintenance(node.address(), 50000, polling(disks))) {
        disk = chooseDisk(maintenance.disks());
      }
      gate.journal().value(diskKey(node), disk);
      disks.update(disk + "; rendering the " + node.role() + " config", -1);
      byte[] config =
          new MachineConfigGenerator(bundle)
              .render(version(), input(cluster, node, disk))
              .getBytes(StandardCharsets.UTF_8);
      disks.done(disk + ", " + config.length / 1024 + " KiB " + node.role() + " config");

      Progress.Step apply = progress.step(label(node) + ": applying machine config");
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
      gate.journal().value(topologyKey(node), topology);
      apply.done(
          result.outcome() == dev.ironkube.talos.api.ApplyResult.Outcome.APPLIED
              ? "applied, rebooting"
              : "connection dropped as the node rebooted");
    }

    Progress.Step secure = progress.step(label(node) + ": waiting for mTLS with our CA");
    try (TalosClient client =
        TalosClient.secure(node.address(), 50000, identity, polling(secure))) {
      var v = client.awaitSecure(settings.duration(TALOS_BOOT_TIMEOUT));
      secure.done("Talos " + v.tag());
    }
  }

  /**
   * The cluster changed since this node was configured (a node added or removed): its endpoint,
   * certSANs and firewall are rewritten without a reboot, over mTLS. A locked-down node is updated
   * locked down, which needs an operator allow it no longer has; that case fails clearly.
   */
  private void update(
      ClusterNodes cluster,
      Node node,
      dev.ironkube.talos.api.TalosIdentity identity,
      String topology) {
    Progress.Step step = progress.step(label(node) + ": updating its config for the new nodes");
    String disk =
        gate.journal()
            .value(diskKey(node))
            .orElseThrow(() -> new OperationFailedException("no install disk was journaled", ""));
    byte[] config =
        new MachineConfigGenerator(secrets.bundle())
            .render(version(), input(cluster, node, disk))
            .getBytes(StandardCharsets.UTF_8);
    try (TalosClient client = TalosClient.secure(node.address(), 50000, identity, polling(step))) {
      gate.act(
          "talos",
          "update config " + node.hostname() + " (" + node.serverId() + ") for " + topology,
          Map.of("address", node.address()),
          () -> client.applyConfiguration(config));
    }
    gate.journal().value(topologyKey(node), topology);
    step.done("applied without a reboot");
  }

  private static String diskKey(Node node) {
    return "install disk " + node.serverId();
  }

  /**
   * Re-applies every node's config without the operator's allows, over mTLS, and proves from
   * outside that 50000 and 6443 no longer answer. Only called once another way in (Teleport) is
   * verified. Control planes go last, so the API the tool could still use stays reachable longest.
   */
  @Override
  public void lockDown(ClusterNodes cluster) {
    List<Node> order = new ArrayList<>(cluster.workers());
    List<Node> cps = new ArrayList<>(cluster.controlPlanes());
    java.util.Collections.reverse(cps);
    order.addAll(cps);
    var identity = identity(cluster);
    for (Node node : order) {
      Progress.Step step =
          progress.step(label(node) + ": removing the operator's access to 50000 and 6443");
      String disk =
          gate.journal()
              .value(diskKey(node))
              .orElseThrow(() -> new OperationFailedException("no install disk was journaled", ""));
      MachineConfigInput input = input(cluster, node, disk);
      try (TalosClient client =
          TalosClient.secure(node.address(), 50000, identity, polling(step))) {
        gate.act(
            "talos",
            ActionKind.LOCK_DOWN,
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
  }

  @Override
  public void bootstrap(ClusterNodes cluster) {
    Node node = cluster.first();
    var identity = identity(cluster);
    Duration timeout = settings.duration(BOOTSTRAP_TIMEOUT);
    Progress.Step etcd = progress.step(label(node) + ": bootstrapping etcd");
    try (TalosClient client = TalosClient.secure(node.address(), 50000, identity, polling(etcd))) {
      var result =
          gate.act(
              "talos",
              "bootstrap etcd " + node.hostname() + " (" + node.serverId() + ")",
              Map.of("address", node.address()),
              () -> client.bootstrap(timeout));
      etcd.done(
          result == TalosClient.BootstrapResult.BOOTSTRAPPED ? "done" : "already bootstrapped");

      Progress.Step health =
          progress.step(label(node) + ": waiting for etcd, kubelet, apid and trustd");
      try (TalosClient watcher =
          TalosClient.secure(node.address(), 50000, identity, polling(health))) {
        watcher.awaitHealthy(CORE_SERVICES, timeout);
      }
      health.done("healthy");

      Progress.Step kube = progress.step("Fetching kubeconfig");
      byte[] kubeconfig = client.kubeconfig();
      SecureFiles.write(files.kubeconfig(), kubeconfig);
      kube.done(files.kubeconfig().toString());
    }
    awaitReady(cluster, node, timeout);
  }

  @Override
  public void join(ClusterNodes cluster, Node node) {
    Duration timeout = settings.duration(BOOTSTRAP_TIMEOUT);
    Set<String> services = node.controlPlane() ? CORE_SERVICES : WORKER_SERVICES;
    Progress.Step health =
        progress.step(
            label(node)
                + ": waiting for "
                + (node.controlPlane() ? "etcd to join and its services" : "kubelet and apid"));
    try (TalosClient watcher =
        TalosClient.secure(node.address(), 50000, identity(cluster), polling(health))) {
      watcher.awaitHealthy(services, timeout);
    }
    health.done("healthy");
    awaitReady(cluster, node, timeout);
  }

  @Override
  public void retire(ClusterNodes cluster, Node node) {
    Progress.Step drain = progress.step(label(node) + ": draining");
    try (dev.ironkube.platform.KubeConnection kube =
        dev.ironkube.platform.KubeConnection.fromKubeconfig(
            java.nio.file.Files.readString(files.kubeconfig()), cluster.first().address())) {
      int evicted =
          new dev.ironkube.platform.NodeDrain(
                  kube.client(), clock, cancellation, line -> drain.update(line, -1))
              .drain(node.hostname(), settings.duration(BOOTSTRAP_TIMEOUT));
      drain.done(evicted + " pod(s) evicted, node deleted from Kubernetes");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancellation.CancelledException("interrupted");
    }
    Progress.Step reset = progress.step(label(node) + ": resetting Talos");
    try (TalosClient client =
        TalosClient.secure(node.address(), 50000, identity(cluster), polling(reset))) {
      gate.act(
          "talos",
          "reset " + node.hostname() + " (" + node.serverId() + ")",
          Map.of("address", node.address()),
          () -> {
            client.reset(true, false);
            return true;
          });
      reset.done("wiped");
    } catch (IronkubeException e) {
      // The server is deleted next, which the provider follows with its own disk erase.
      reset.done("skipped (" + e.getMessage() + "); the provider erases it on delete");
    }
  }

  private void awaitReady(ClusterNodes cluster, Node node, Duration timeout) {
    Progress.Step api =
        progress.step(
            label(node)
                + ": waiting for "
                + (node == cluster.first() ? "the Kubernetes API and " : "")
                + "the node to be Ready");
    KubeApiProbe probe;
    try {
      probe =
          KubeApiProbe.fromKubeconfig(java.nio.file.Files.readString(files.kubeconfig()))
              .dialling(cluster.first().address());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    new Wait(clock, cancellation, new java.util.Random())
        .until(
            node.hostname() + " Ready in Kubernetes",
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
                              : new Wait.Poll.NotYet<>(
                                  "registered, not Ready yet"
                                      + probe
                                          .notReadyMessage(node.hostname())
                                          .map(m -> " (" + m + ")")
                                          .orElse(""),
                                  -1))
                  .orElseGet(() -> new Wait.Poll.NotYet<>("not registered yet", -1));
            });
    api.done("Ready");
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

  private MachineConfigInput input(ClusterNodes cluster, Node node, String disk) {
    return input(cluster, node, disk, operatorCidrs());
  }

  private MachineConfigInput input(
      ClusterNodes cluster, Node node, String disk, List<String> operator) {
    TalosVersion v = version();
    MachineConfigInput.Builder b = MachineConfigInput.builder();
    if (node.controlPlane()) {
      withManifests(b);
    }
    return b.clusterName(cluster())
        .endpoint("https://" + hostForUrl(cluster.endpointHost()) + ":6443")
        .role(node.controlPlane() ? NodeRole.CONTROLPLANE : NodeRole.WORKER)
        .hostname(node.hostname())
        .certSans(certSans(cluster, node))
        .installDisk(disk)
        .installerImage(installerImage.get())
        .kubernetesVersion(settings.get(KUBERNETES_VERSION).orElse(v.defaultKubernetesVersion()))
        .podSubnets(List.of(settings.require(POD_SUBNET)))
        .serviceSubnets(List.of(settings.require(SERVICE_SUBNET)))
        .firewall(
            FirewallPolicy.bootstrap(
                operator,
                cluster.addresses().stream().map(TalosBootstrap::hostCidr).distinct().toList()))
        .build();
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
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

  /**
   * Every name the tool and users dial: the node's own address (apid), and for the API server on
   * any control plane the DNS name and every control plane's address.
   */
  private static List<String> certSans(ClusterNodes cluster, Node node) {
    java.util.LinkedHashSet<String> sans = new java.util.LinkedHashSet<>();
    sans.add(node.address());
    sans.addAll(cluster.apiNames());
    return List.copyOf(sans);
  }

  private static String hostCidr(String address) {
    return address.contains(":") ? address + "/128" : address + "/32";
  }

  @Override
  public List<Path> preview(Path dir, ClusterNodes cluster) {
    SecretsBundle bundle = ClusterSecrets.ephemeral();
    MachineConfigGenerator generator = new MachineConfigGenerator(bundle);
    List<String> configured = settings.list(OPERATOR_CIDRS);
    List<String> operator = configured.isEmpty() ? List.of(PREVIEW_OPERATOR) : configured;
    String disk = settings.get(INSTALL_DISK).orElse("/dev/nvme0n1");
    List<Path> written = new ArrayList<>();
    List<Node> samples = new ArrayList<>(List.of(cluster.first()));
    cluster.workers().stream().findFirst().ifPresent(samples::add);
    for (Node node : samples) {
      MachineConfigInput input = input(cluster, node, disk, operator);
      String base = node.controlPlane() ? "controlplane" : "worker";
      Path full = dir.resolve(base + ".yaml");
      SecureFiles.write(full, generator.render(version(), input));
      written.add(full);
      Path redacted = dir.resolve(base + ".redacted.yaml");
      SecureFiles.write(redacted, generator.renderRedacted(version(), input));
      written.add(redacted);
    }
    return written;
  }
}
