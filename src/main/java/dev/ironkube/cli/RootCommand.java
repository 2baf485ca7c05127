package dev.ironkube.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
          + " lists them all with their sources. IRONKUBE_HOME defaults to ~/.ironkube.",
      "",
      "stdout carries data (tables, -o json); stderr carries progress and errors. NO_COLOR"
          + " turns colour off.",
      "",
      "Exit codes: 0 ok, 1 internal error, 2 invalid input, 3 unauthorized, 4 not found,"
          + " 5 remote service failed, 6 out of stock, 7 provisioning failed (cleaned up),"
          + " 8 failed with resources deliberately left running, 130 interrupted."
    })
final class RootCommand implements Runnable {
  /**
   * The subcommands by name, in the order usage help lists them. They are added by {@link
   * Ironkube#commandLine} rather than named in the annotation: picocli builds a command's model by
   * reflection over its fields and mixins, and a run that names one command needs that one only.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("plans", PlansCommand.class);
    m.put("regions", RegionsCommand.class);
    m.put("provision", ProvisionCommand.class);
    m.put("destroy", DestroyCommand.class);
    m.put("scale", ScaleCommand.class);
    m.put("status", StatusCommand.class);
    m.put("kubeconfig", CredentialsCommands.Kube.class);
    m.put("talosconfig", CredentialsCommands.Talos.class);
    m.put("config", ConfigCommand.class);
    m.put("sim", SimCommand.class);
    m.put("help", picocli.CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(m);
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
