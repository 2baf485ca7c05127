package dev.ironkube.talos.stage;

import static dev.ironkube.settings.SettingsCatalogue.BOOTSTRAP_TIMEOUT;
import static dev.ironkube.settings.SettingsCatalogue.TALOS_POLL;

import dev.ironkube.failure.IronkubeException;
import dev.ironkube.platform.KubeConnection;
import dev.ironkube.platform.NodeDrain;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.TalosStage.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** A node out of the cluster before its server is deleted: drained and deleted, then wiped. */
final class NodeRetirement {
  private final TalosRun run;

  NodeRetirement(TalosRun run) {
    this.run = run;
  }

  void retire(ClusterNodes cluster, Node node) {
    String label = TalosRun.label(node);
    Progress.Step drain = run.progress().step(label + ": draining");
    try (KubeConnection kube =
        KubeConnection.fromKubeconfig(
            Files.readString(run.files().kubeconfig()), cluster.first().address())) {
      int evicted =
          new NodeDrain(
                  kube.client(),
                  run.clock(),
                  run.cancellation(),
                  line -> drain.update(line, -1),
                  NodeDrain.pollFor(run.settings().duration(TALOS_POLL)))
              .drain(node.hostname(), run.settings().duration(BOOTSTRAP_TIMEOUT));
      drain.done(evicted + " pod(s) evicted, node deleted from Kubernetes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancellation.CancelledException("interrupted");
    }
    Progress.Step reset = run.progress().step(label + ": resetting Talos");
    try (TalosClient client =
        TalosClient.secure(node.address(), 50000, run.identity(cluster), run.polling(reset))) {
      run.gate()
          .act(
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
}
