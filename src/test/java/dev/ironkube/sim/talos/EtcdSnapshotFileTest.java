package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.kube.StoreContents;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated etcd snapshot against the rules real snapshots follow: bbolt's meta page
 * (go.etcd.io/bbolt: magic 0xED0CDAED, version 2, page size, at offset 16 of pages 0 and 1), etcd's
 * trailing SHA-256 (size % 512 == 32, talosctl v1.11.6 cmd/talosctl/cmd/talos/etcd.go) and etcd's
 * restore checks and messages (etcd-io/etcd v3.5 etcdutl/snapshot/v3_snapshot.go saveDB), as Talos
 * wraps them (v1.11.6 internal/app/machined/pkg/system/services/etcd.go).
 */
class EtcdSnapshotFileTest {
  private static StoreContents contents() {
    ObjectNode ns = JsonNodeFactory.instance.objectNode();
    ns.putObject("metadata").put("name", "shop");
    return new StoreContents(Map.of("|namespaces||shop", ns), 1234);
  }

  @Test
  void aSnapshotIsABoltFileWithEtcdsTrailingHash() throws Exception {
    byte[] file = EtcdSnapshotFile.write(contents(), 7);
    assertThat(file.length % 512).isEqualTo(32);
    ByteBuffer meta = ByteBuffer.wrap(file, 16, 12).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(meta.getInt()).isEqualTo(0xED0CDAED);
    assertThat(meta.getInt()).isEqualTo(2);
    assertThat(meta.getInt()).isEqualTo(4096);
    byte[] body = Arrays.copyOf(file, file.length - 32);
    assertThat(Arrays.copyOfRange(file, file.length - 32, file.length))
        .isEqualTo(EtcdSnapshotFile.sha256(body, body.length));
    StoreContents back = EtcdSnapshotFile.read(file, false);
    assertThat(back.revision()).isEqualTo(1234);
    assertThat(back.objects()).containsKey("|namespaces||shop");
  }

  @Test
  void etcdRefusesWhatItsRestoreRefuses() {
    byte[] file = EtcdSnapshotFile.write(contents(), 7);
    byte[] flipped = file.clone();
    flipped[3 * 4096 - 1] ^= 1;
    assertThatThrownBy(() -> EtcdSnapshotFile.read(flipped, false))
        .hasMessageStartingWith("error recovering from the snapshot: expected sha256 [");
    byte[] noHash = Arrays.copyOf(file, file.length - 32);
    assertThatThrownBy(() -> EtcdSnapshotFile.read(noHash, false))
        .hasMessage(
            "error recovering from the snapshot: snapshot missing hash but"
                + " --skip-hash-check=false");
    byte[] notBolt = file.clone();
    notBolt[16] = 0;
    notBolt[4096 + 16] = 0;
    assertThatThrownBy(() -> EtcdSnapshotFile.read(notBolt, true))
        .hasMessage("error verifying snapshot: invalid database");
  }

  @Test
  void skipHashCheckAcceptsACopyOfTheDataDirectory() throws Exception {
    byte[] noHash = Arrays.copyOf(EtcdSnapshotFile.write(contents(), 7), 3 * 4096);
    assertThat(EtcdSnapshotFile.read(noHash, true).revision()).isEqualTo(1234);
  }
}
