package dev.ironkube.sim;

/**
 * Told when a simulated machine changes in a way another fake must follow. The Talos node fake
 * implements it to start serving the Talos API on the machine's address once Talos has booted, and
 * to stop when the provider deletes the machine.
 *
 * <p>{@code talosBooted} runs on the datacenter's clock thread; {@code deleted} runs on the thread
 * serving the provider's DELETE, before its answer leaves, so once a client sees the 204 the node
 * is gone. Both hold up other work: keep them short or hand work off.
 */
public interface MachineListener {

  /** Talos finished booting from the network and is in maintenance mode on the machine. */
  void talosBooted(SimMachine machine);

  /** The provider deleted the machine; it must stop answering on its address. */
  void deleted(SimMachine machine);
}
