package dev.ironkube.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** `ironkube`: the top of the command tree. */
@Command(
    name = "ironkube",
    mixinStandardHelpOptions = true,
    scope = picocli.CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Turns rented bare-metal servers into a running, locked-down Kubernetes cluster on Talos"
          + " Linux with one command, and tears it all down with another.",
      "",
      "Start without an account on the embedded simulated datacenter:",
      "  ironkube provision --simulate --yes",
      "Then against Latitude.sh:",
      "  export LATITUDE_API_KEY=...        # or let ironkube prompt and store it",
      "  ironkube plans                      # in-stock plans with hourly prices",
      "  ironkube provision --name demo --plan c2-small-x86 --region DAL",
      "  ironkube destroy demo",
      ""
    },
    footerHeading = "%nSettings and exit codes:%n",
    footer = {
      "Settings come from the cluster document (-f FILE or $IRONKUBE_HOME/config.yaml), then the"
          + " environment, then flags, each overriding the one before; `ironkube config show`"
          + " lists them all with their sources. IRONKUBE_HOME defaults to $HOME/.ironkube.",
      "",
      "stdout carries data (tables, -o json); stderr carries progress and errors. NO_COLOR"
          + " turns colour off.",
      "",
      "Exit codes: 0 ok, 1 internal error, 2 invalid input or cluster busy with another run,"
          + " 3 unauthorized, 4 not found,"
          + " 5 remote service failed, 6 out of stock, 7 provisioning failed (cleaned up),"
          + " 8 failed with resources deliberately left running, 9 unhealthy (health, status"
          + " --live), 130 interrupted."
    })
final class RootCommand implements Runnable {
  /**
   * The product's subcommands' names, in the order usage help lists them. They are added by {@link
   * Ironkube#commandLine} rather than named in the annotation: picocli builds a command's model by
   * reflection over its fields and mixins, and a run that names one command needs that one only.
   * Commands from outside the product (the simulator's {@code sim}) come as {@link
   * CommandContribution}s and are listed before {@code help}.
   */
  static final List<String> SUBCOMMANDS =
      List.of(
          "plans",
          "regions",
          "provision",
          "destroy",
          "scale",
          "upgrade",
          "diff",
          "apply",
          "status",
          "kubeconfig",
          "talosconfig",
          "config",
          "health",
          "credentials",
          "backup",
          "restore",
          "completion",
          "help");

  /**
   * The command class of a name in {@link #SUBCOMMANDS}, else null. A switch, so that only the
   * class asked for is loaded.
   */
  static Class<?> subcommand(String name) {
    return switch (name) {
      case "plans" -> PlansCommand.class;
      case "regions" -> RegionsCommand.class;
      case "provision" -> ProvisionCommand.class;
      case "destroy" -> DestroyCommand.class;
      case "scale" -> ScaleCommand.class;
      case "upgrade" -> UpgradeCommand.class;
      case "diff" -> DiffCommand.class;
      case "apply" -> ApplyCommand.class;
      case "status" -> StatusCommand.class;
      case "kubeconfig" -> CredentialsCommands.Kube.class;
      case "talosconfig" -> CredentialsCommands.Talos.class;
      case "config" -> ConfigCommand.class;
      case "health" -> HealthCommand.class;
      case "credentials" -> CredentialsRenewCommand.class;
      case "backup" -> BackupCommand.class;
      case "restore" -> RestoreCommand.class;
      case "completion" -> CompletionCommand.class;
      case "help" -> picocli.CommandLine.HelpCommand.class;
      default -> null;
    };
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
