package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.lifecycle.EtcdSnapshotCheck;
import dev.ironkube.lifecycle.PassphraseEncryption;
import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.sim.Faults;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The round trip of Talos's disaster recovery through ironkube: a namespace with objects, `backup`
 * (EtcdSnapshot), the namespace deleted, `restore` (EPHEMERAL wiped, EtcdRecover, Bootstrap with
 * recover_etcd), and the objects are back, as etcd restored from the snapshot holds them.
 */
class BackupRestoreEndToEndTest {
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  @Test
  void aDeletedNamespaceComesBackFromTheSnapshot() throws Exception {
    cli = new CliRun(new Faults(153));
    CliRun.Result p =
        cli.run(
            "provision", "--simulate", "--yes", "--no-platform", "--name", "br", "--workers", "1");
    assertThat(p.exitCode()).as(p.err()).isZero();
    String kubeconfig = Files.readString(cli.home().resolve("clusters/br/kubeconfig"));
    KubeConnectionProbe.withClient(
        kubeconfig,
        c -> {
          c.namespaces()
              .resource(
                  new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
              .create();
          c.configMaps()
              .inNamespace("shop")
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName("prices")
                      .endMetadata()
                      .withData(Map.of("apple", "3"))
                      .build())
              .create();
          return null;
        });

    cli.env.put("IRONKUBE_BACKUP_PASSPHRASE", "correct horse battery staple");
    CliRun.Result b = cli.run("backup", "br", "-o", "json");
    assertThat(b.exitCode()).as(b.all()).isZero();
    JsonNode saved = new ObjectMapper().readTree(b.out());
    Path snapshot = Path.of(saved.path("snapshot").asText());
    Path secrets = Path.of(saved.path("secrets").asText());
    // etcd's trailing SHA-256 makes the size 32 more than a multiple of 512 (talosctl's check).
    assertThat(Files.size(snapshot) % 512).isEqualTo(32);
    assertThat(EtcdSnapshotCheck.verify(snapshot)).isNull();
    assertThat(Files.readString(Path.of(saved.path("checksumFile").asText())))
        .isEqualTo(EtcdSnapshotCheck.fileSha256(snapshot) + "  " + snapshot.getFileName() + "\n");
    for (Path f : new Path[] {snapshot, secrets}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .isEqualTo("rw-------");
    }
    byte[] bundle =
        PassphraseEncryption.decrypt(
            new ByteArrayInputStream(Files.readAllBytes(secrets)),
            "correct horse battery staple".toCharArray());
    assertThat(bundle)
        .isEqualTo(Files.readAllBytes(cli.home().resolve("clusters/br/secrets.yaml")));
    assertThat(Files.readString(secrets)).startsWith("-----BEGIN PGP MESSAGE-----");

    KubeConnectionProbe.withClient(
        kubeconfig,
        c -> {
          c.configMaps().inNamespace("shop").withName("prices").delete();
          c.namespaces().withName("shop").delete();
          assertThat(c.namespaces().withName("shop").get()).isNull();
          return null;
        });

    // A damaged copy is refused before anything is touched.
    Path damaged = snapshot.resolveSibling("damaged.snapshot");
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[5000] ^= 1;
    Files.write(damaged, bytes);
    CliRun.Result refused = cli.run("restore", "br", "--from", damaged.toString(), "--yes");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("expected sha256").contains("nothing was changed");

    CliRun.Result r = cli.run("restore", "br", "--from", snapshot.toString(), "--yes");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.err())
        .contains("Wiping etcd's data (EPHEMERAL) on br-cp-1")
        .contains("EtcdRecover");

    KubeConnectionProbe.withClient(
        kubeconfig,
        c -> {
          assertThat(c.namespaces().withName("shop").get()).isNotNull();
          assertThat(c.configMaps().inNamespace("shop").withName("prices").get().getData())
              .containsEntry("apple", "3");
          return null;
        });
    CliRun.Result h = cli.run("health", "br", "--wait", "30s");
    assertThat(h.exitCode()).as(h.all()).isZero();
    // The journal keeps the restore, which status shows.
    assertThat(cli.run("status", "br").out())
        .containsPattern(
            "Restore: +from "
                + java.util.regex.Pattern.quote(snapshot.toAbsolutePath().toString())
                + " at 20");

    // --skip-hash-check lets a file that is no bbolt database through to the node: etcd's own
    // restore refuses it (snapshot.Status: bbolt "invalid database"), and etcd turns Failed.
    Path notBolt = snapshot.resolveSibling("not-bolt.snapshot");
    Files.write(notBolt, new byte[8192]);
    CliRun.Result bad =
        cli.run("restore", "br", "--from", notBolt.toString(), "--skip-hash-check", "--yes");
    assertThat(bad.exitCode()).as(bad.all()).isEqualTo(ExitCodes.REMOTE_FAILURE);
    assertThat(bad.err())
        .contains(
            "etcd on br-cp-1 failed: Failed to run pre stage: error verifying snapshot:"
                + " invalid database");
    // A restore that did not finish says so, with the command to run again.
    assertThat(cli.run("status", "br").out())
        .contains("from " + notBolt.toAbsolutePath() + " DID NOT FINISH")
        .contains("'ironkube restore br --from <snapshot>'");
  }
}
