package dev.ironkube.sim.platform;

import dev.ironkube.platform.ManifestSource;
import dev.ironkube.sim.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The simulated datacenter's stand-in for the public manifest downloads (Argo CD's pinned
 * install.yaml): a small manifest of the same shape (CRD, Deployments, StatefulSet, Services, the
 * initial admin Secret), written for ironkube, so simulated runs need no internet.
 */
public final class SimManifests implements ManifestSource {
  /** Fault point: "manifests.GET &lt;path&gt;"; kind "unreachable" fails the download. */
  public static final String POINT = "manifests.GET ";

  private final Faults faults;

  public SimManifests() {
    this(Faults.none());
  }

  public SimManifests(Faults faults) {
    this.faults = faults;
  }

  @Override
  public String fetch(URI uri) {
    if (faults.next(POINT + uri.getPath()).isPresent()) {
      // What the JDK client reports when the host cannot be reached.
      throw new UncheckedIOException(
          new ConnectException("Connection refused to " + uri.getHost()));
    }
    if (!uri.getPath().endsWith("install.yaml")) {
      throw new UncheckedIOException(
          new IOException("the simulated datacenter serves no manifest at " + uri));
    }
    try (InputStream in = SimManifests.class.getResourceAsStream("argocd-install.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
