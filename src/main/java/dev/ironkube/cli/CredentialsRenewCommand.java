package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.lifecycle.CredentialRenewal;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.ClusterLock;
import dev.ironkube.talos.pki.CertificateIssuer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ironkube credentials renew <cluster>`: new admin certificates from the cluster's secrets. */
@Command(
    name = "credentials",
    description = {
      "Manage a cluster's admin credentials (its talosconfig and kubeconfig).",
      "",
      "Examples:",
      "  ironkube credentials renew demo",
      "  ironkube credentials renew demo --merge"
    },
    subcommands = CredentialsRenewCommand.Renew.class)
final class CredentialsRenewCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "renew",
      description = {
        "Reissue the admin talosconfig and kubeconfig client certificates (one year each) from"
            + " the cluster's secrets bundle, offline: the CAs are unchanged, so nodes and the API"
            + " server accept them at once, even on a locked-down cluster. The cluster's files are"
            + " rewritten 0600; --merge also merges them into ~/.kube/config (or $KUBECONFIG)"
            + " and ~/.talos/config, as 'kubeconfig --merge' and 'talosconfig --output-file' do.",
        "",
        "Commands that read the credentials warn 30 days before they expire.",
        "",
        "Examples:",
        "  ironkube credentials renew demo",
        "  ironkube credentials renew demo --merge"
      })
  static final class Renew implements Callable<Integer> {
    private final CliEnvironment env;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
    String cluster;

    @Option(
        names = "--merge",
        description = "Also merge the new credentials into the user's kubeconfig and talosconfig.")
    boolean merge;

    Renew(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws IOException {
      ClusterFiles files = SettingsResolution.home(env).cluster(cluster);
      if (!files.exists()) {
        throw new UserInputException(
            "no cluster named " + cluster + " in " + files.dir().getParent(),
            "'ironkube status' lists the known clusters",
            ExitCodes.NOT_FOUND);
      }
      CredentialRenewal.Renewed renewed;
      // A provisioning run rewrites the talosconfig too; the lock keeps the two apart.
      try (ClusterLock lock =
          ClusterLock.acquire(
              files.lock(),
              cluster,
              "credentials renew " + cluster,
              env.clock(),
              line -> env.err().println("ironkube: " + line))) {
        renewed =
            new CredentialRenewal(new CertificateIssuer(env.clock(), new SecureRandom()))
                .renew(cluster, files);
      }
      env.err()
          .println(
              "Renewed the admin talosconfig"
                  + (renewed.kubeconfig().isPresent() ? " and kubeconfig" : "")
                  + " of cluster "
                  + cluster
                  + " in "
                  + files.dir()
                  + " (0600); valid until "
                  + renewed.notAfter());
      if (merge) {
        if (renewed.kubeconfig().isPresent()) {
          Path into = CredentialsCommands.Kube.defaultKubeconfig(env);
          String context = KubeconfigMerge.merge(renewed.kubeconfig().get(), into);
          env.err().println("Merged into " + into + "; current context is now " + context);
        }
        Path talos = env.home().resolve(".talos").resolve("config");
        var merged = TalosconfigMerge.merge(renewed.talosconfig(), talos, false);
        env.err()
            .println(
                (merged.replaced() ? "Replaced" : "Added")
                    + " context "
                    + merged.context()
                    + " in "
                    + talos
                    + " (0600); current context: "
                    + merged.current());
      }
      return 0;
    }
  }
}
