package dev.ironkube.sim.talos;

/** Exposes the node's tar.gz writer to the client's archive tests in another package. */
public final class SimArchives {
  private SimArchives() {}

  public static byte[] tarGz(String fileName, byte[] content) {
    return KubeconfigBundle.tarGz(fileName, content);
  }
}
