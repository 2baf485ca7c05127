package dev.ironkube.cli;

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
      "  ironkube provision --name demo --plan c2-small-x86 --region ASH",
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
          + " 8 failed with resources deliberately left running, 130 interrupted."
    },
    subcommands = {
      PlansCommand.class,
      RegionsCommand.class,
      ProvisionCommand.class,
      DestroyCommand.class,
      ScaleCommand.class,
      StatusCommand.class,
      CredentialsCommands.Kube.class,
      CredentialsCommands.Talos.class,
      ConfigCommand.class,
      SimCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
final class RootCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
