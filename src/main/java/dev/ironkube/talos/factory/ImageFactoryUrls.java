package dev.ironkube.talos.factory;

import dev.ironkube.provider.TalosBoot;
import java.net.URI;
import java.util.Objects;

/**
 * Where the Image Factory serves a schematic's assets, for one Talos version on amd64 bare metal.
 * Versions are written with a leading "v" in every factory URL; one given without it gets it.
 *
 * @param factoryBase such as https://factory.talos.dev (images and the installer registry)
 * @param pxeBase such as https://pxe.factory.talos.dev (iPXE scripts)
 */
public record ImageFactoryUrls(URI factoryBase, URI pxeBase) {
  public static final URI DEFAULT_FACTORY = URI.create("https://factory.talos.dev");
  public static final URI DEFAULT_PXE = URI.create("https://pxe.factory.talos.dev");

  public ImageFactoryUrls {
    Objects.requireNonNull(factoryBase);
    Objects.requireNonNull(pxeBase);
  }

  public static ImageFactoryUrls defaults() {
    return new ImageFactoryUrls(DEFAULT_FACTORY, DEFAULT_PXE);
  }

  /** The iPXE script a server fetches at boot (Latitude's {@code ipxe} attribute). */
  public String pxeScript(String schematicId, String version) {
    return trim(pxeBase) + "/pxe/" + schematicId + "/" + v(version) + "/metal-amd64";
  }

  /**
   * The installer image for {@code machine.install.image}: the platform-specific form the Talos
   * 1.10+ docs use. A factory overridden to plain {@code http://} keeps its scheme as a prefix, so
   * the config generator can tell Talos to pull that registry over HTTP (see {@code
   * dev.ironkube.talos.config.InstallerImage}); an image reference alone would be pulled over
   * HTTPS.
   */
  public String installerImage(String schematicId, String version) {
    String prefix = "http".equals(factoryBase.getScheme()) ? "http://" : "";
    return prefix + registry() + "/metal-installer/" + schematicId + ":" + v(version);
  }

  /** The older installer form, still served, for Talos releases before 1.10. */
  public String legacyInstallerImage(String schematicId, String version) {
    return registry() + "/installer/" + schematicId + ":" + v(version);
  }

  /** The zstd-compressed raw disk image, written over a boot disk by the cloud-init pivot. */
  public String rawImage(String schematicId, String version) {
    return asset(schematicId, version, "metal-amd64.raw.zst");
  }

  /** The factory's own kernel command line for the schematic, rather than one assembled here. */
  public String kernelCmdline(String schematicId, String version) {
    return asset(schematicId, version, "cmdline-metal-amd64");
  }

  public String asset(String schematicId, String version, String path) {
    return trim(factoryBase) + "/image/" + schematicId + "/" + v(version) + "/" + path;
  }

  /** Everything a provider needs to boot a new server into this schematic and version. */
  public TalosBoot boot(String schematicId, String version) {
    return new TalosBoot(
        v(version), schematicId, pxeScript(schematicId, version), rawImage(schematicId, version));
  }

  private String registry() {
    return factoryBase.getAuthority();
  }

  static String v(String version) {
    return version.startsWith("v") ? version : "v" + version;
  }

  private static String trim(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
