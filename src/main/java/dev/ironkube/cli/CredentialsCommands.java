package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.store.ClusterFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ironkube kubeconfig` and `ironkube talosconfig`: a cluster's admin credentials. */
final class CredentialsCommands {
  private CredentialsCommands() {}

  static Path require(String cluster, Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(
          "cluster " + cluster + " has no " + what + " in " + file.getParent(),
          "'ironkube status' lists the clusters; the "
              + what
              + " exists once provisioning bootstrapped it",
          ExitCodes.NOT_FOUND);
    }
    return file;
  }

  @Command(
      name = "kubeconfig",
      description = {
        "Print a cluster's admin kubeconfig, or merge it into ~/.kube/config (or --kubeconfig)"
            + " with --merge, making it the current context.",
        "",
        "Examples:",
        "  ironkube kubeconfig demo > demo.kubeconfig",
        "  ironkube kubeconfig demo --merge"
      })
  static final class Kube implements Callable<Integer> {
    private final CliEnvironment env;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
    String cluster;

    @Option(names = "--merge", description = "Merge into the kubeconfig file instead of printing.")
    boolean merge;

    @Option(
        names = "--kubeconfig",
        paramLabel = "FILE",
        description =
            "The file to merge into (default: $KUBECONFIG's first entry or $HOME/.kube/config).")
    Path target;

    Kube(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws IOException {
      ClusterFiles files = SettingsResolution.home(env).cluster(cluster);
      Path source = require(cluster, files.kubeconfig(), "kubeconfig");
      CredentialWarnings.print(env, cluster);
      if (!merge) {
        env.out().print(Files.readString(source));
        return 0;
      }
      Path into = target != null ? target : defaultKubeconfig(env);
      String context = KubeconfigMerge.merge(Files.readString(source), into);
      env.err().println("Merged into " + into + "; current context is now " + context);
      return 0;
    }

    static Path defaultKubeconfig(CliEnvironment env) {
      String list = env.env().get("KUBECONFIG");
      if (list != null && !list.isBlank()) {
        return Path.of(list.split(File.pathSeparator)[0]);
      }
      return env.home().resolve(".kube").resolve("config");
    }
  }

  @Command(
      name = "talosconfig",
      description = {
        "Print a cluster's talosconfig (talosctl reads it as is), or merge it into a file:"
            + " its context is added or replaced, the others are kept, and it becomes the"
            + " current context with --use-context or when none is set.",
        "",
        "Examples:",
        "  ironkube talosconfig demo > talosconfig",
        "  talosctl --talosconfig talosconfig version",
        "  ironkube talosconfig demo --output-file ~/.talos/config --use-context"
      })
  static final class Talos implements Callable<Integer> {
    private final CliEnvironment env;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
    String cluster;

    @Option(
        names = "--output-file",
        paramLabel = "FILE",
        description = "Merge it into this talosconfig (created when missing; written 0600).")
    Path outputFile;

    @Option(
        names = "--use-context",
        description = "With --output-file: make this cluster's context the current one.")
    boolean useContext;

    Talos(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws IOException {
      ClusterFiles files = SettingsResolution.home(env).cluster(cluster);
      Path source = require(cluster, files.talosconfig(), "talosconfig");
      CredentialWarnings.print(env, cluster);
      if (outputFile == null) {
        env.out().print(Files.readString(source));
      } else {
        var merged = TalosconfigMerge.merge(Files.readString(source), outputFile, useContext);
        env.err()
            .println(
                (merged.replaced() ? "Replaced" : "Added")
                    + " context "
                    + merged.context()
                    + " in "
                    + outputFile
                    + " (0600); current context: "
                    + merged.current());
      }
      return 0;
    }
  }
}
