package dev.ironkube.sim;

import java.net.InetAddress;
import java.util.List;

/**
 * One simulated bare-metal server as the rest of the datacenter sees it, independent of the
 * provider API that ordered it. Its address is a loopback address of its own, so a Talos node fake
 * can bind the real ports (50000, 6443) on it.
 */
public final class SimMachine {

  /** Where the machine is in its life, as far as the hardware is concerned. */
  public enum State {
    /** Ordered; the provider is installing or network-booting it. */
    PROVISIONING,
    /** Talos booted from the network and waits in maintenance mode. */
    TALOS_MAINTENANCE,
    /** The provider gave up on it (failed deployment). */
    FAILED,
    /** Deleted by the provider; the address is not reused. */
    DELETED
  }

  private final String id;
  private final String hostname;
  private final InetAddress address;
  private final List<SimDisk> disks;
  private final String plan;
  private final String site;
  private final String bootSource;
  private volatile State state = State.PROVISIONING;
  private volatile ProviderFirewall providerFirewall = ProviderFirewall.NONE;

  public SimMachine(
      String id,
      String hostname,
      InetAddress address,
      List<SimDisk> disks,
      String plan,
      String site) {
    this(id, hostname, address, disks, plan, site, "");
  }

  /**
   * @param bootSource what the machine boots: the iPXE URL or image it was ordered with (the Talos
   *     node fake reads the Talos version from it)
   */
  public SimMachine(
      String id,
      String hostname,
      InetAddress address,
      List<SimDisk> disks,
      String plan,
      String site,
      String bootSource) {
    this.bootSource = bootSource == null ? "" : bootSource;
    this.id = id;
    this.hostname = hostname;
    this.address = address;
    this.disks = List.copyOf(disks);
    this.plan = plan;
    this.site = site;
  }

  /** The iPXE URL or image the machine was ordered to boot; empty when unknown. */
  public String bootSource() {
    return bootSource;
  }

  /** The provider's id for it ("sv_…" for Latitude). */
  public String id() {
    return id;
  }

  public String hostname() {
    return hostname;
  }

  public InetAddress address() {
    return address;
  }

  public List<SimDisk> disks() {
    return disks;
  }

  /** The plan slug it was ordered with. */
  public String plan() {
    return plan;
  }

  /** The site slug it was ordered in. */
  public String site() {
    return site;
  }

  public State state() {
    return state;
  }

  void state(State next) {
    this.state = next;
  }

  /** The provider firewall in front of the machine now; set by the provider fake that holds it. */
  public ProviderFirewall providerFirewall() {
    return providerFirewall;
  }

  public void providerFirewall(ProviderFirewall firewall) {
    this.providerFirewall = firewall == null ? ProviderFirewall.NONE : firewall;
  }

  /** Whether a new TCP connection from {@code source} to {@code port} passes the provider. */
  public boolean providerAdmitsTcp(InetAddress source, int port) {
    return providerFirewall.admitsTcp(source, port);
  }

  @Override
  public String toString() {
    return id + " (" + hostname + " @ " + address.getHostAddress() + ", " + state + ")";
  }
}
