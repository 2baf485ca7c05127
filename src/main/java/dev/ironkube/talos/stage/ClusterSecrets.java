package dev.ironkube.talos.stage;

import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.SecureFiles;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.config.MachineConfigInput;
import dev.ironkube.talos.config.NodeRole;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.talos.pki.CertAndKey;
import dev.ironkube.talos.pki.CertificateIssuer;
import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.workflow.Cancellation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The cluster's secrets bundle and admin identity, generated once and kept 0600 beside the journal:
 * a node configured from one bundle rejects every other, so regenerating it for a configured node
 * would lock the tool out.
 */
final class ClusterSecrets {
  private final ClusterFiles files;
  private volatile SecretsBundle bundle;
  private boolean generatedHere;

  /**
   * Guards {@link #preparing} apart from this object's monitor, which {@link #bundle()} holds for
   * the whole generation: a node's boot wait that asks for the preparation must not wait for it.
   */
  private final Object preparation = new Object();

  /** The bundle generated in the background, not yet written; null when none was started. */
  private CompletableFuture<SecretsBundle> preparing;

  private Talosconfig talosconfig;

  ClusterSecrets(ClusterFiles files) {
    this.files = files;
  }

  /** The persisted bundle, generated and written on first use. */
  synchronized SecretsBundle bundle() {
    if (bundle == null) {
      if (Files.isRegularFile(files.secrets())) {
        bundle = SecretsBundle.read(files.secrets());
      } else {
        SecretsBundle fresh = fresh();
        // Never over an existing bundle: the cluster it opens would be locked out for good.
        if (SecureFiles.writeNew(
            files.secrets(), fresh.toYaml().getBytes(StandardCharsets.UTF_8))) {
          bundle = fresh;
          generatedHere = true;
        } else {
          bundle = SecretsBundle.read(files.secrets());
        }
      }
    }
    return bundle;
  }

  /**
   * Starts generating the bundle on a background thread, once, and returns at once. Generation
   * takes seconds (RSA-4096) and needs nothing from the node, so doing it while the provider
   * deploys takes it off the critical path; {@link #bundle()} then waits for it (or generates it
   * itself when this failed) and writes it. The thread never writes: a run that fails and cleans up
   * before the bundle is asked for ends with no secrets file, instead of one written after the
   * clean-up removed the cluster's files. It never waits for this object's monitor, which {@link
   * #bundle()} holds while it waits: each node's boot wait asks for it and must start at once.
   */
  void prepareInBackground() {
    synchronized (preparation) {
      if (bundle != null || preparing != null || exists()) {
        return;
      }
      CompletableFuture<SecretsBundle> generated = new CompletableFuture<>();
      preparing = generated;
      Thread.ofPlatform()
          .daemon()
          .name("secrets-bundle")
          .start(
              () -> {
                SecretsBundle fresh;
                try {
                  fresh = SecretsBundle.generate();
                } catch (RuntimeException e) {
                  // bundle() on the pipeline's thread tries again and reports the failure
                  generated.completeExceptionally(e);
                  return;
                }
                generated.complete(fresh);
                try {
                  warmUp(fresh);
                } catch (RuntimeException e) {
                  // only a head start: the real rendering reports what is wrong
                }
              });
    }
  }

  /** Whether a background generation has ended (with a bundle or a failure). */
  boolean prepared() {
    synchronized (preparation) {
      return preparing != null && preparing.isDone();
    }
  }

  /** The background's bundle once it is ready, else one generated here. */
  private SecretsBundle fresh() {
    CompletableFuture<SecretsBundle> generated;
    synchronized (preparation) {
      generated = preparing;
    }
    if (generated != null) {
      try {
        return generated.get();
      } catch (ExecutionException e) {
        // generated again below, on this thread, where a failure is reported
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cancellation.CancelledException("interrupted");
      }
    }
    return SecretsBundle.generate();
  }

  /**
   * Renders a throwaway config for a documentation address and drops it. The first rendering in a
   * process loads and compiles the YAML and config code (0.1-0.4 s); done here, while the provider
   * deploys, the real one right after the node boots no longer pays it.
   */
  private static void warmUp(SecretsBundle bundle) {
    MachineConfigGenerator generator = new MachineConfigGenerator(bundle);
    for (TalosVersion version : TalosVersion.values()) {
      generator.render(
          version,
          MachineConfigInput.builder()
              .clusterName("warm-up")
              .endpoint("https://192.0.2.1:6443")
              .role(NodeRole.CONTROLPLANE)
              .hostname("warm-up")
              .certSans(List.of("192.0.2.1"))
              .installDisk("/dev/sda")
              .installerImage("factory.talos.dev/metal-installer/warm-up:" + version.contract())
              .build());
    }
  }

  /** Whether this process generated the bundle (rather than reading an earlier run's). */
  synchronized boolean generatedHere() {
    return generatedHere;
  }

  boolean exists() {
    return Files.isRegularFile(files.secrets());
  }

  /** A bundle for a dry run: generated in memory, never written. */
  static SecretsBundle ephemeral() {
    return SecretsBundle.generate();
  }

  /**
   * The talosconfig naming these endpoints (the control planes) and nodes (every node), written
   * when it names others. The admin certificate is issued once (it lasts a year) and kept when the
   * cluster's nodes change.
   */
  synchronized Talosconfig talosconfig(String context, List<String> endpoints, List<String> nodes) {
    Talosconfig existing = current();
    if (existing != null) {
      if (existing.endpoints().equals(endpoints) && existing.nodes().equals(nodes)) {
        return existing;
      }
      Talosconfig moved =
          new Talosconfig(
              context,
              endpoints,
              nodes,
              existing.caPem(),
              existing.certificatePem(),
              existing.keyPem());
      moved.write(files.talosconfig());
      talosconfig = moved;
      return moved;
    }
    CertAndKey os = bundle().os();
    CertAndKey admin = CertificateIssuer.systemDefault().talosAdmin(os);
    Talosconfig config = Talosconfig.of(context, endpoints, nodes, os, admin);
    config.write(files.talosconfig());
    talosconfig = config;
    return config;
  }

  /**
   * The talosconfig this process wrote or read, read from disk once: node probes ask for the admin
   * identity every half second, and it does not change within a run.
   */
  private Talosconfig current() {
    if (talosconfig == null && Files.isRegularFile(files.talosconfig())) {
      talosconfig = Talosconfig.read(files.talosconfig());
    }
    return talosconfig;
  }

  /** The admin identity for any node of the cluster, from the talosconfig (written if absent). */
  synchronized TalosIdentity identity(String context, String someAddress) {
    Talosconfig existing = current();
    return identity(
        existing != null
            ? existing
            : talosconfig(context, List.of(someAddress), List.of(someAddress)));
  }

  static TalosIdentity identity(Talosconfig config) {
    return new TalosIdentity(config.caPem(), config.certificatePem(), config.keyPkcs8Pem());
  }
}
