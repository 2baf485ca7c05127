package dev.ironkube.access;

import dev.ironkube.access.teleport.AgentRegistration;
import dev.ironkube.access.teleport.JoinToken;
import dev.ironkube.access.teleport.KubeAgentManifests;
import dev.ironkube.access.teleport.TeleportClient;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.platform.KubeConnection;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.time.Sleeper;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.AfterBootstrap;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.Endpoints;
import dev.ironkube.workflow.provision.Lockdowns;
import dev.ironkube.workflow.provision.PreflightCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Phases 9 of the pipeline, in the order that cannot lock anyone out: Teleport access is verified
 * first (a Kube join token, the agent deployed, its registration seen), and only then the
 * operator's allows are removed and the closed ports checked from outside. If the agent never
 * registers, the run stops with the node running and unlocked (exit 8) and says what to do.
 */
public final class AccessStage implements AfterBootstrap, AutoCloseable {
  private final TeleportClient teleport;
  private final String cluster;
  private final String chartVersion;
  private final ClusterFiles files;
  private final Gate gate;
  private final Progress progress;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration pollInterval;
  private final Duration pollLimit;
  private final Lockdowns lockdowns;
  private boolean lockedDown;

  public AccessStage(
      TeleportClient teleport,
      String cluster,
      String chartVersion,
      ClusterFiles files,
      Gate gate,
      Progress progress,
      Clock clock,
      Sleeper sleeper,
      Duration pollInterval,
      Duration pollLimit,
      Lockdowns lockdowns) {
    this.teleport = teleport;
    this.cluster = cluster;
    this.chartVersion = chartVersion;
    this.files = files;
    this.gate = gate;
    this.progress = progress;
    this.clock = clock;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
    this.pollLimit = pollLimit;
    this.lockdowns = lockdowns;
  }

  /**
   * The identity file is read and the proxy answers with it now, with the very call the
   * verification polls: a Teleport that cannot be reached after the order leaves a cluster that
   * cannot be locked down.
   */
  @Override
  public List<PreflightCheck> preflight() {
    return List.of(
        PreflightCheck.of(
            "Teleport identity and proxy " + teleport.proxy(),
            () ->
                "answers, "
                    + teleport.registeredKubeClusters().size()
                    + " Kubernetes clusters registered"));
  }

  @Override
  public List<Phase> phases(ClusterNodes cluster) {
    return List.of(
        Phase.always(
            "teleport",
            "Verifying access through Teleport",
            () -> verify(cluster.first().address())),
        Phase.always(
            "lockdown",
            cluster.nodes().size() == 1 ? "Locking the node down" : "Locking the nodes down",
            () -> lockDown(cluster)));
  }

  private void verify(String apiAddress) throws Exception {
    Progress.Step tokenStep = progress.step("Creating a Kube join token (30 minutes)");
    JoinToken token =
        gate.act(
            "teleport", "create join token " + cluster, Map.of(), teleport::createKubeJoinToken);
    tokenStep.done("role Kube");
    try {
      Progress.Step deploy = progress.step("Deploying teleport-kube-agent");
      Map<String, String> manifests =
          KubeAgentManifests.manifests(token, cluster, teleport.proxy(), chartVersion);
      try (KubeConnection kube =
          KubeConnection.fromKubeconfig(Files.readString(files.kubeconfig()), apiAddress)) {
        for (String yaml : manifests.values()) {
          for (HasMetadata item :
              kube.client()
                  .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                  .items()) {
            kube.client().resource(item).createOr(NonDeletingOperation::update);
          }
        }
      }
      deploy.done(manifests.size() + " manifests applied");

      Progress.Step wait = progress.step("Waiting for the agent to register as " + cluster);
      int listings =
          new AgentRegistration(
                  teleport, pollInterval, pollLimit, clock, sleeper, line -> wait.update(line, -1))
              .await(cluster);
      wait.done("registered (" + listings + " checks)");
    } finally {
      try {
        teleport.deleteToken(token);
      } catch (IronkubeException e) {
        progress.warn(
            "the join token could not be deleted (it expires in 30 minutes): " + e.getMessage());
      }
      // Registration is proven or failed; the lockdown needs no Teleport connection.
      teleport.close();
    }
  }

  private void lockDown(ClusterNodes cluster) {
    lockdowns.lockDown(cluster);
    lockedDown = true;
  }

  /**
   * Closes the Teleport connection, for a run that ends before the verification closed it (a
   * failure or Ctrl-C in an earlier phase). Closing twice is harmless.
   */
  @Override
  public void close() {
    teleport.close();
  }

  @Override
  public Endpoints endpoints(Endpoints so) {
    return lockedDown
        ? so.withTeleport(new Endpoints.Teleport(cluster, "tsh kube login " + cluster, true))
        : so;
  }

  @Override
  public List<String> reportLines() {
    return lockedDown
        ? List.of(
            "Access:          through Teleport: tsh kube login " + cluster,
            "Locked down:     50000 and 6443 are closed to the internet (checked from outside)")
        : List.of();
  }
}
