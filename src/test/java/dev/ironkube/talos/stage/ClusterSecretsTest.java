package dev.ironkube.talos.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.store.ClusterFiles;
import dev.ironkube.talos.pki.SecretsBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretsTest {
  @Test
  void aBundlePreparedInTheBackgroundIsWrittenOnlyWhenTheRunAsksForIt(@TempDir Path dir) {
    ClusterFiles files = new ClusterFiles(dir.resolve("clusters").resolve("demo"));
    ClusterSecrets secrets = new ClusterSecrets(files);

    secrets.prepareInBackground();
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(secrets::prepared);

    // A run that failed and cleaned up before this point leaves no secrets file behind, and no
    // cluster folder made for one.
    assertThat(files.secrets()).doesNotExist();
    assertThat(files.dir()).doesNotExist();

    SecretsBundle bundle = secrets.bundle();
    assertThat(files.secrets()).exists();
    assertThat(secrets.generatedHere()).isTrue();
    assertThat(SecretsBundle.read(files.secrets()).toYaml()).isEqualTo(bundle.toYaml());
  }

  @Test
  void anExistingBundleIsReadAndNotReplaced(@TempDir Path dir) throws Exception {
    ClusterFiles files = new ClusterFiles(dir.resolve("demo"));
    String first = new ClusterSecrets(files).bundle().toYaml();

    ClusterSecrets again = new ClusterSecrets(files);
    again.prepareInBackground(); // nothing to prepare: the file is there
    assertThat(again.bundle().toYaml()).isEqualTo(first);
    assertThat(again.generatedHere()).isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.secrets())))
        .isEqualTo("rw-------");
  }
}
