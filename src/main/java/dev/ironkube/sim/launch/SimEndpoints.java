package dev.ironkube.sim.launch;

import java.net.URI;

/**
 * Where a simulated datacenter serves each API, and its time scale: all a run needs to point its
 * settings at one, whether it runs in this process or in the background datacenter of the home.
 *
 * @param teleportProxy host:port of the simulated Teleport proxy
 * @param scale the datacenter's time scale, which the run's polls and timeouts follow
 */
public record SimEndpoints(
    URI latitude,
    URI imageFactory,
    URI pxe,
    URI scaleway,
    URI cloudflare,
    URI infisical,
    String teleportProxy,
    URI echoPortal,
    URI echoIp,
    double scale) {

  /** The endpoints of a datacenter running in this process. */
  public static SimEndpoints of(SimulatedDatacenter sim) {
    return new SimEndpoints(
        sim.latitudeUrl(),
        sim.imageFactoryUrl(),
        sim.pxeUrl(),
        sim.scalewayUrl(),
        sim.cloudflare().baseUri(),
        sim.infisical().baseUri(),
        sim.teleport().proxyAddress(),
        sim.echo().portalUrl(),
        sim.echo().ipUrl(),
        sim.timeModel().scale());
  }
}
