package dev.ironkube.talos.api;

import com.google.protobuf.ByteString;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import dev.ironkube.talos.api.proto.machine.BootstrapRequest;
import dev.ironkube.talos.api.proto.machine.RebootRequest;
import dev.ironkube.talos.api.proto.machine.ResetRequest;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Talos machine API of one node ({@code host:50000}), with the calls ironkube makes named by
 * intent. Two factories: {@link #maintenance} (TLS without verification, before a config is
 * applied) and {@link #secure} (mTLS with a talosconfig identity). Failures are typed {@link
 * RemoteServiceException}s; waits end in {@link dev.ironkube.failure.OperationFailedException}.
 */
public final class TalosClient implements AutoCloseable {
  /** apid's port; real nodes serve nothing else, so only tests pass another. */
  public static final int APID_PORT = 50000;

  private final TalosChannel channel;
  private final Polling polling;
  private final TalosWaits waits;
  private final boolean maintenanceChannel;

  private TalosClient(TalosChannel channel, Polling polling, boolean maintenanceChannel) {
    this.channel = channel;
    this.polling = polling;
    this.maintenanceChannel = maintenanceChannel;
    this.waits = new TalosWaits(this, polling);
  }

  /** A node in maintenance mode: its certificate cannot be verified and no client cert exists. */
  public static TalosClient maintenance(String host) {
    return maintenance(host, APID_PORT, Polling.defaults());
  }

  /** As {@link #maintenance(String)}; {@code port} differs from 50000 only in tests. */
  public static TalosClient maintenance(String host, int port, Polling polling) {
    return new TalosClient(TalosChannel.maintenance(host, port), polling, true);
  }

  /** A configured node: apid verified against the OS CA and SANs, our admin cert presented. */
  public static TalosClient secure(String host, TalosIdentity identity) {
    return secure(host, APID_PORT, identity, Polling.defaults());
  }

  /** As {@link #secure(String, TalosIdentity)}; {@code port} differs only in tests. */
  public static TalosClient secure(String host, int port, TalosIdentity identity, Polling polling) {
    return new TalosClient(TalosChannel.mutual(host, port, identity), polling, false);
  }

  /** "host:port" of the node, for messages. */
  public String target() {
    return channel.target();
  }

  /**
   * The Talos version. Maintenance mode on Talos 1.8–1.12 refuses the Version RPC, so there it
   * falls back to the {@code Versions.runtime.talos.dev} COSI resource, which it does serve.
   */
  public NodeVersion version() {
    return NodeCalls.version(channel, polling);
  }

  /** The node's disks, for picking the install disk. Served in maintenance mode too. */
  public List<DiskInfo> disks() {
    return NodeCalls.disks(channel, polling);
  }

  /**
   * Applies a machine config in AUTO mode. A connection dropped right after the request is the node
   * going away to reboot, not a failure: the result says "rebooting" and the caller proves success
   * with {@link #awaitSecure}.
   */
  public ApplyResult applyConfiguration(byte[] machineConfig) {
    var request =
        ApplyConfigurationRequest.newBuilder()
            .setData(ByteString.copyFrom(machineConfig))
            .setMode(ApplyConfigurationRequest.Mode.AUTO)
            .build();
    try {
      var reply = channel.machine(polling).applyConfiguration(request);
      List<String> warnings = new ArrayList<>();
      String details = "";
      for (var m : reply.getMessagesList()) {
        warnings.addAll(m.getWarningsList());
        details = m.getModeDetails();
      }
      return new ApplyResult(ApplyResult.Outcome.APPLIED, List.copyOf(warnings), details);
    } catch (StatusRuntimeException e) {
      if (TalosCallFailures.connectionDropped(e.getStatus().getCode())) {
        return new ApplyResult(ApplyResult.Outcome.REBOOTING, List.of(), "");
      }
      throw TalosCallFailures.translate(target(), "ApplyConfiguration", e);
    }
  }

  /**
   * Applies a machine config in {@code mode}; {@code dryRun} asks the node what it would do and for
   * the diff against the config it runs ({@link ApplyResult#configDiff}), changing nothing. A
   * connection dropped right after a REBOOT or AUTO apply is the node going away to reboot (the
   * result says "rebooting"). A change the node can take only with a reboot, asked for in NO_REBOOT
   * or TRY mode, fails with {@link dev.ironkube.failure.RemoteServiceException.RebootRequired}.
   */
  public ApplyResult applyConfiguration(byte[] machineConfig, ApplyMode mode, boolean dryRun) {
    return ApplyCalls.apply(channel, polling, machineConfig, mode, dryRun);
  }

  /** The result of {@link #bootstrap}. */
  public enum BootstrapResult {
    BOOTSTRAPPED,
    /** etcd's data directory was not empty: an earlier call (maybe ours) did it. */
    ALREADY_BOOTSTRAPPED
  }

  /**
   * Bootstraps etcd on this node, retrying while the node is not ready for it yet
   * (FAILED_PRECONDITION, UNAVAILABLE, DEADLINE_EXCEEDED) until {@code timeout}. Call it on one
   * control-plane node only: the AlreadyExists check is local to the node.
   */
  public BootstrapResult bootstrap(Duration timeout) {
    return waits.bootstrap(
        timeout, () -> channel.machine(polling).bootstrap(BootstrapRequest.getDefaultInstance()));
  }

  /** The node's system services with their state and health. */
  public List<ServiceStatus> serviceList() {
    return NodeCalls.serviceList(channel, polling);
  }

  /** The admin kubeconfig: the Kubeconfig stream gathered, un-gzipped and un-tarred. */
  public byte[] kubeconfig() {
    return NodeCalls.kubeconfig(channel, polling);
  }

  public List<EtcdMemberInfo> etcdMembers() {
    return NodeCalls.etcdMembers(channel, polling);
  }

  // --- day2-ops (issue #15): health, backup and restore ---

  /** This member's etcd status (leader, raft index, alarms); control planes only. */
  public EtcdStatusInfo etcdStatus() {
    return EtcdCalls.status(channel, polling);
  }

  /** Streams an etcd snapshot (bbolt file with its trailing SHA-256) into {@code out}. */
  public long etcdSnapshot(java.io.OutputStream out, Duration deadline) {
    return EtcdCalls.snapshot(channel, polling, deadline, out);
  }

  /** Uploads a snapshot for {@link #bootstrapRecovering}; etcd must not be running here. */
  public void etcdRecover(java.io.InputStream snapshot, Duration deadline) {
    EtcdCalls.recover(channel, deadline, snapshot);
  }

  /**
   * Bootstrap with {@code recover_etcd}: etcd starts from the uploaded snapshot. Upstream answers
   * once the service is started; a snapshot that fails its integrity check shows as etcd Failed.
   */
  public void bootstrapRecovering(boolean skipHashCheck) {
    var request =
        BootstrapRequest.newBuilder()
            .setRecoverEtcd(true)
            .setRecoverSkipHashCheck(skipHashCheck)
            .build();
    try {
      channel.machine(polling).bootstrap(request);
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(target(), "Bootstrap (recover)", e);
    }
  }

  /**
   * Wipes the EPHEMERAL partition (etcd's data) and reboots, keeping the config on STATE: what
   * Talos's disaster-recovery guide runs on each control plane before a recovering bootstrap.
   */
  public void resetEphemeral() {
    var request =
        ResetRequest.newBuilder()
            .setGraceful(false)
            .setReboot(true)
            .addSystemPartitionsToWipe(
                dev.ironkube.talos.api.proto.machine.ResetPartitionSpec.newBuilder()
                    .setLabel("EPHEMERAL")
                    .setWipe(true))
            .build();
    expectGoingAway("Reset", () -> channel.machine(polling).reset(request));
  }

  /**
   * The ids of the node's StaticPodStatus resources ({@code k8s} namespace), as talosctl's health
   * lists them: {@code kube-system/kube-apiserver-<node>} and the like.
   */
  public List<String> staticPodStatuses() {
    return ResourceCalls.ids(channel, polling, "k8s", "StaticPodStatuses.kubernetes.talos.dev");
  }

  // --- end day2-ops ---

  /**
   * Wipes the node back to maintenance mode. Use {@code graceful=false} on a single control plane:
   * a graceful reset tries to leave etcd first and cannot.
   */
  public void reset(boolean graceful, boolean reboot) {
    var request = ResetRequest.newBuilder().setGraceful(graceful).setReboot(reboot).build();
    expectGoingAway("Reset", () -> channel.machine(polling).reset(request));
  }

  public void reboot() {
    expectGoingAway(
        "Reboot", () -> channel.machine(polling).reboot(RebootRequest.getDefaultInstance()));
  }

  /**
   * Starts a Talos upgrade to the installer {@code image}; returns the node's ack. The node answers
   * once the image is pulled and (control planes) etcd checked, then upgrades and reboots.
   */
  public String upgrade(String image) {
    return UpgradeCalls.upgrade(channel, polling, image);
  }

  /** The machine config the node runs (os:admin only). */
  public byte[] machineConfig() {
    return UpgradeCalls.machineConfig(channel, polling);
  }

  /**
   * Applies a machine config that must take effect without a reboot (NO_REBOOT mode), as talosctl
   * upgrade-k8s does for each image it changes (v1.13.9 pkg/cluster/kubernetes/patch.go).
   *
   * @throws RemoteServiceException.RebootRequired when the node says the change needs a reboot
   */
  public ApplyResult applyConfigurationNoReboot(byte[] machineConfig) {
    return applyConfiguration(machineConfig, ApplyMode.NO_REBOOT, false);
  }

  /** Stages a machine config for the node's next boot (STAGED mode). */
  public ApplyResult applyConfigurationStaged(byte[] machineConfig) {
    return applyConfiguration(machineConfig, ApplyMode.STAGED, false);
  }

  /**
   * Whether the node would need a reboot to take this config: a NO_REBOOT dry run, which machined
   * refuses before it looks at the dry-run flag when CanApplyImmediate does (v1.13.9
   * v1alpha1_server.go). Talos 1.14 takes every change live and always answers no.
   */
  public boolean needsReboot(byte[] machineConfig) {
    try {
      applyConfiguration(machineConfig, ApplyMode.NO_REBOOT, true);
      return false;
    } catch (RemoteServiceException.RebootRequired e) {
      return true;
    }
  }

  /** The node drops the connection as it goes down; only an answered error is a failure. */
  private void expectGoingAway(String call, Supplier<?> rpc) {
    try {
      rpc.get();
    } catch (StatusRuntimeException e) {
      if (!TalosCallFailures.connectionDropped(e.getStatus().getCode())) {
        throw TalosCallFailures.translate(target(), call, e);
      }
    }
  }

  /**
   * Waits until the node answers a real maintenance-mode RPC (Disks), not merely a TCP connect: an
   * open port proves nothing about the Talos API. Returns the disks it reported.
   */
  public List<DiskInfo> awaitMaintenance(Duration timeout) {
    return waits.until(
        "the Talos API in maintenance mode",
        timeout,
        "check that the node booted Talos and that port 50000 is reachable from here; a node"
            + " that already has a config answers only over mTLS",
        this::disks);
  }

  /** Waits until Version answers over mTLS: proof that the node runs our config. */
  public NodeVersion awaitSecure(Duration timeout) {
    return waits.until(
        "the Talos API over mTLS",
        timeout,
        "a refused handshake means the node runs a config from other secrets than this"
            + " talosconfig, or the address is missing from machine.certSANs",
        this::version);
  }

  /**
   * Waits until every named service is Running and healthy. On timeout the failure names the first
   * service that is not, with its last known state.
   */
  public List<ServiceStatus> awaitHealthy(Set<String> services, Duration timeout) {
    return waits.healthy(services, timeout);
  }

  TalosChannel channel() {
    return channel;
  }

  /**
   * Lets the next call connect at once even if the channel is waiting out a reconnect backoff (the
   * node was down, rebooting say: gRPC backs off exponentially up to two minutes and fails calls
   * fast meanwhile). A caller that polls a node through a client it keeps calls this before each
   * probe, as the client's own waits do, so that a node that is back is seen within one interval.
   */
  public void skipReconnectBackoff() {
    channel.skipReconnectBackoff();
  }

  /** Whether this client trusts anything (maintenance) rather than the OS CA (mTLS). */
  boolean maintenanceChannel() {
    return maintenanceChannel;
  }

  @Override
  public void close() {
    channel.close();
  }
}
