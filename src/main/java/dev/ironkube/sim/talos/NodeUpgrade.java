package dev.ironkube.sim.talos;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.api.proto.machine.Upgrade;
import dev.ironkube.talos.api.proto.machine.UpgradeRequest;
import dev.ironkube.talos.api.proto.machine.UpgradeResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Upgrade RPC of a configured node and the upgrade sequence it starts, from siderolabs/talos
 * v1.13.9 (unchanged in substance since v1.11.6):
 *
 * <ol>
 *   <li>{@code internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go}, Upgrade: "Talos
 *       is not installed" (FailedPrecondition) for a node booted without an install; the installer
 *       image pulled and validated before anything else ({@code PullAndValidateInstallerImage}; a
 *       failure is a plain error, so gRPC's Unknown, "error validating installer image %q: ...");
 *       on a control plane (unless force or preserve) etcd validated ({@code
 *       internal/pkg/etcd/etcd.go}, ValidateForUpgrade: two members refused, every member started
 *       and healthy, else "error validating etcd for upgrade: ..."); then the answer, ack "Upgrade
 *       request received" with a new actor id, and the sequence runs after it.
 *   <li>{@code internal/app/machined/pkg/runtime/v1alpha1/v1alpha1_sequencer.go}, Upgrade: drain,
 *       stop pods and services, unmount, install the new image, kexec/reboot. apid keeps answering
 *       on the old version until the reboot ({@code talos.upgrade.install}, 20 s); the node is then
 *       down for {@code talos.reboot} (90 s) and boots the new version: Version reports its tag,
 *       its services start again, its etcd member (same id: EPHEMERAL is kept) rejoins and its
 *       kubelet re-registers the Node with the new OS image.
 * </ol>
 *
 * Faults: {@code talos.upgrade.pull} (and {@code @<hostname>}) "not-found" or "pull-failed": the
 * image pull fails and nothing starts; {@code talos.upgrade.reboot@<hostname>} "never-returns": the
 * node goes down to reboot and never comes back.
 */
final class NodeUpgrade {
  /** The form of a Talos installer reference whose tag names a release. */
  private static final Pattern INSTALLER =
      Pattern.compile(
          "[a-z0-9.-]+(?::\\d+)?/[a-z0-9._/-]*installer[a-z0-9._/-]*:(v1\\.(\\d+)\\.\\d+)");

  /** The Talos minors whose installer images the simulated factory serves. */
  private static final int OLDEST_MINOR = 8;

  private static final int NEWEST_MINOR = 14;

  private final TalosNodeFake node;
  private final TimeModel time;
  private final Faults faults;

  NodeUpgrade(TalosNodeFake node, TimeModel time, Faults faults) {
    this.node = node;
    this.time = time;
    this.faults = faults;
  }

  void handle(UpgradeRequest request, StreamObserver<UpgradeResponse> reply) {
    AppliedConfig config = node.appliedConfig().orElseThrow();
    if (!config.installs()) {
      reply.onError(
          Status.FAILED_PRECONDITION
              .withDescription("Talos is not installed")
              .asRuntimeException());
      return;
    }
    String image = request.getImage();
    Optional<String> pullError = pull(image);
    if (pullError.isPresent()) {
      reply.onError(
          Status.UNKNOWN
              .withDescription(
                  "error validating installer image \"" + image + "\": " + pullError.get())
              .asRuntimeException());
      return;
    }
    if (config.controlPlane() && !request.getForce() && !request.getPreserve()) {
      Optional<String> etcd = node.cluster().flatMap(c -> c.upgradeEtcdProblem(System.nanoTime()));
      if (etcd.isPresent()) {
        reply.onError(
            Status.UNKNOWN
                .withDescription("error validating etcd for upgrade: " + etcd.get())
                .asRuntimeException());
        return;
      }
    }
    reply.onNext(
        UpgradeResponse.newBuilder()
            .addMessages(
                Upgrade.newBuilder()
                    .setAck("Upgrade request received")
                    .setActorId(UUID.randomUUID().toString()))
            .build());
    reply.onCompleted();
    Matcher m = INSTALLER.matcher(image);
    String version = m.matches() ? m.group(1) : node.talosVersion();
    boolean returns =
        faults
            .next("talos.upgrade.reboot@" + node.hostname())
            .filter("never-returns"::equals)
            .isEmpty();
    Duration install = time.duration("talos.upgrade.install", Duration.ofSeconds(20));
    Thread.ofVirtual()
        .name("talos-upgrade-" + node.hostname())
        .start(
            () -> {
              try {
                Thread.sleep(install);
              } catch (InterruptedException e) {
                return;
              }
              node.life.rebootInto(version, returns);
            });
  }

  /**
   * Why pulling {@code image} fails, or empty: a reference that is no installer of a release the
   * factory builds is not found (containerd's resolver answers 404), and the pull fault applies.
   */
  private Optional<String> pull(String image) {
    Optional<String> fault =
        faults
            .next("talos.upgrade.pull")
            .or(() -> faults.next("talos.upgrade.pull@" + node.hostname()));
    if (fault.filter("pull-failed"::equals).isPresent()) {
      return Optional.of(
          "failed to pull image \""
              + image
              + "\": failed to copy: httpReadSeeker: failed open: unexpected status code 502 Bad"
              + " Gateway");
    }
    Matcher m = INSTALLER.matcher(image);
    boolean known =
        m.matches()
            && Integer.parseInt(m.group(2)) >= OLDEST_MINOR
            && Integer.parseInt(m.group(2)) <= NEWEST_MINOR;
    if (!known || fault.filter("not-found"::equals).isPresent()) {
      return Optional.of(
          "failed to pull image \""
              + image
              + "\": failed to resolve reference \""
              + image
              + "\": "
              + image
              + ": not found");
    }
    return Optional.empty();
  }
}
