package dev.ironkube.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.http.RetryPolicy;
import dev.ironkube.secrets.ClusterCredentialsBackup.Kind;
import dev.ironkube.secrets.infisical.InfCredentials;
import dev.ironkube.secrets.infisical.InfScope;
import dev.ironkube.secrets.infisical.InfisicalSecrets;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.infisical.InfisicalApi;
import dev.ironkube.sim.infisical.InfisicalOptions;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Write-back survives Infisical's trimming because values travel as base64. */
class ClusterCredentialsBackupTest {
  static final String TALOSCONFIG =
      "  context: my-cluster\n  contexts:\n    my-cluster:\n      ca: LS0t\n\n\n";

  @Test
  void documents_come_back_byte_for_byte_although_the_store_trims() {
    InfisicalOptions options = InfisicalOptions.defaults();
    try (InfisicalApi api =
        new InfisicalApi(options, TimeModel.instant(), Faults.none(), new RequestLog()).start()) {
      InfisicalSecrets store =
          InfisicalSecrets.connect(
              api.baseUri(),
              new InfCredentials(options.clientId(), options.clientSecret()),
              new InfScope(options.projectId(), "prod", "/"),
              Clock.systemUTC(),
              b -> b.retryPolicy(RetryPolicy.NONE));
      ClusterCredentialsBackup backup = new ClusterCredentialsBackup("my-cluster");

      backup.write(store, Kind.TALOSCONFIG, TALOSCONFIG);
      backup.write(store, Kind.KUBECONFIG, "apiVersion: v1\n");
      backup.write(store, Kind.KUBECONFIG, "apiVersion: v1\nkind: Config\n");
      api.putSecret("prod", "/", "RAW", TALOSCONFIG);

      var read = store.fetch();
      assertThat(backup.secretName(Kind.TALOSCONFIG))
          .isEqualTo("IRONKUBE_MY_CLUSTER_TALOSCONFIG_B64");
      assertThat(backup.read(read, Kind.TALOSCONFIG)).contains(TALOSCONFIG);
      assertThat(backup.read(read, Kind.KUBECONFIG)).contains("apiVersion: v1\nkind: Config\n");
      assertThat(backup.read(read, Kind.SECRETS_BUNDLE)).isEmpty();
      // What storing the document itself would have done:
      assertThat(read.get("RAW")).isEqualTo(TALOSCONFIG.strip() + "\n");
    }
  }
}
