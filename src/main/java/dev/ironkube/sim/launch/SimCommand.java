package dev.ironkube.sim.launch;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.settings.SettingDef;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import dev.ironkube.sim.infisical.InfisicalOptions;
import dev.ironkube.sim.scaleway.ScalewayOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** `ironkube sim`: the simulated datacenter on its own, for other tools and for exploring. */
@Command(
    name = "sim",
    description = {
      "Run the simulated datacenter standalone and print its endpoints and test credentials;"
          + " stop it with Ctrl-C.",
      "Point ironkube (or curl) at it with the variables it prints, e.g.:",
      "  LATITUDE_API_URL=http://127.0.0.1:PORT LATITUDE_API_KEY=... ironkube plans",
      "IRONKUBE_SIM_SCALE sets the time scale (default 0.01), IRONKUBE_SIM_SEED the fault seed.",
      "",
      "--simulate uses another one: the background datacenter of $IRONKUBE_HOME, started by the"
          + " first --simulate command and kept for the next; 'ironkube sim status' shows it,"
          + " 'ironkube sim stop' stops it."
    })
public final class SimCommand implements Callable<Integer> {
  private final CliEnvironment env;

  SimCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    try (SimulatedDatacenter sim = Simulation.start(env)) {
      Path scratch = Files.createTempDirectory("ironkube-sim");
      scratch.toFile().deleteOnExit();
      Path identity = sim.teleport().writeIdentityFile(scratch.resolve("teleport-identity"));
      identity.toFile().deleteOnExit();
      for (Map.Entry<String, String> e : exports(sim).entrySet()) {
        String name = SettingsCatalogue.find(e.getKey()).map(SettingDef::env).orElseThrow();
        env.out().println("export " + name + "=" + e.getValue());
      }
      // These turn an integration on (each pair together), so they stay the user's choice.
      env.out().println("# export IRONKUBE_DNS_NAME=demo.ironkube.test");
      env.out().println("# export TELEPORT_PROXY=" + sim.teleport().proxyAddress());
      env.out().println("# export TELEPORT_IDENTITY_FILE=" + identity);
      env.out()
          .println(
              "# export INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=" + InfisicalOptions.DEFAULT_CLIENT_ID);
      env.out()
          .println(
              "# export INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET="
                  + InfisicalOptions.DEFAULT_CLIENT_SECRET);
      env.out().flush();
      env.err().println(sim.describe());
      env.err().println("ironkube: simulated datacenter running; Ctrl-C stops it");
      var done = new CountDownLatch(1);
      try (AutoCloseable s = env.signals().onInterrupt(done::countDown)) {
        done.await();
      }
      return 0;
    }
  }

  /**
   * Every setting that points a run at the simulated datacenter, with its test credentials: the
   * providers, the Image Factory and iPXE, Cloudflare, Infisical, Teleport, and the operator's
   * address (loopback, since every simulated port is; detected through the simulated echo services
   * otherwise), so that a run with these exported needs no network. A DNS name, an Infisical
   * identity or a Teleport proxy and identity turn their integration on, so {@link #call} prints
   * those commented out, for the user to choose.
   */
  public static Map<String, String> exports(SimulatedDatacenter sim) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(SettingsCatalogue.LATITUDE_URL, sim.latitudeUrl().toString());
    out.put(SettingsCatalogue.LATITUDE_API_KEY, SimulatedDatacenter.LATITUDE_TEST_KEY);
    out.put(SettingsCatalogue.SCALEWAY_URL, sim.scalewayUrl().toString());
    out.put(SettingsCatalogue.SCALEWAY_ACCESS_KEY, ScalewayOptions.DEFAULT_ACCESS_KEY);
    out.put(SettingsCatalogue.SCALEWAY_SECRET_KEY, ScalewayOptions.DEFAULT_SECRET_KEY);
    out.put(SettingsCatalogue.SCALEWAY_PROJECT, ScalewayOptions.DEFAULT_PROJECT_ID);
    out.put(SettingsCatalogue.IMAGE_FACTORY_URL, sim.imageFactoryUrl().toString());
    out.put(SettingsCatalogue.PXE_URL, sim.pxeUrl().toString());
    out.put(SettingsCatalogue.CLOUDFLARE_URL, sim.cloudflare().baseUri().toString());
    out.put(SettingsCatalogue.CLOUDFLARE_TOKEN, CloudflareOptions.DEFAULT_TEST_TOKEN);
    out.put(SettingsCatalogue.DNS_ZONE, CloudflareOptions.DEFAULT_ZONE_ID);
    out.put(SettingsCatalogue.INFISICAL_URL, sim.infisical().baseUri().toString());
    out.put(SettingsCatalogue.INFISICAL_PROJECT, InfisicalOptions.DEFAULT_PROJECT_ID);
    out.put(SettingsCatalogue.OPERATOR_IP_URLS, sim.echo().portalUrl() + "," + sim.echo().ipUrl());
    out.put(SettingsCatalogue.OPERATOR_CIDRS, "127.0.0.1/32");
    out.put(SettingsCatalogue.MANIFEST_MIRROR, sim.manifestMirrorUrl().toString());
    return out;
  }
}
