package dev.ironkube.access.teleport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.ironkube.access.teleport.proto.auth.AuthServiceGrpc;
import dev.ironkube.access.teleport.proto.auth.CreateTokenV2Request;
import dev.ironkube.access.teleport.proto.types.Metadata;
import dev.ironkube.access.teleport.proto.types.ProvisionTokenSpecV2;
import dev.ironkube.access.teleport.proto.types.ProvisionTokenV2;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.teleport.RecordedToken;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the simulated Auth Service accepts in {@code CreateTokenV2}, from upstream source:
 * gravitational/teleport api/types/provisioning.go (commit 0010e36f73ec) {@code
 * CheckAndSetDefaults} sets kind and version itself, needs roles and a known join method, and has
 * no expiry rule ({@code String()} prints "never" for none); api/types/system_role.go (commit
 * 02d072f4a0ee) {@code SystemRole.Check}: canonical spelling only, "role %v is not registered",
 * "duplicate role %q"; every {@code trace.BadParameter} reaches gRPC as INVALID_ARGUMENT.
 */
class TokenValidationTest {
  @TempDir Path dir;

  private static ProvisionTokenV2.Builder token(String name, String... roles) {
    return ProvisionTokenV2.newBuilder()
        .setMetadata(Metadata.newBuilder().setName(name))
        .setSpec(ProvisionTokenSpecV2.newBuilder().addAllRoles(List.of(roles)));
  }

  private static void create(
      AuthServiceGrpc.AuthServiceBlockingStub auth, ProvisionTokenV2.Builder t) {
    auth.createTokenV2(CreateTokenV2Request.newBuilder().setV2(t).build());
  }

  private static void refused(
      AuthServiceGrpc.AuthServiceBlockingStub auth, ProvisionTokenV2.Builder t, String message) {
    assertThatThrownBy(() -> create(auth, t))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).isEqualTo(message);
            });
  }

  @Test
  void kind_and_version_are_set_by_the_server_and_expiry_is_optional() {
    try (TeleportRig rig = new TeleportRig(dir, Faults.none())) {
      ManagedChannel channel =
          TeleportChannel.open(rig.auth.proxyAddress(), TeleportIdentity.read(rig.identityFile));
      try {
        var auth = AuthServiceGrpc.newBlockingStub(channel);
        Instant past = rig.clock.instant().minusSeconds(60);

        create(auth, token("bare", "Kube"));
        create(auth, token("odd-kind", "Kube").setKind("whatever").setVersion("v9"));
        create(
            auth,
            token("lapsed", "Node")
                .setMetadata(
                    Metadata.newBuilder()
                        .setName("lapsed")
                        .setExpires(Timestamp.newBuilder().setSeconds(past.getEpochSecond()))));

        assertThat(rig.auth.createdTokens())
            .extracting(RecordedToken::joinMethod)
            .containsExactly("token", "token", "token");
        assertThat(rig.auth.createdTokens().getFirst().expires()).isEqualTo(Instant.MAX);
        refused(auth, token("lower", "kube"), "role kube is not registered");
        refused(auth, token("twice", "Kube", "Kube"), "duplicate role \"Kube\"");
        refused(auth, token("none"), "provisioning token is missing roles");
        refused(auth, token("", "Kube"), "missing parameter Name");
        refused(
            auth,
            token("method", "Kube")
                .setSpec(ProvisionTokenSpecV2.newBuilder().addRoles("Kube").setJoinMethod("sms")),
            "unknown join method \"sms\"");
      } finally {
        channel.shutdownNow();
      }
    }
  }
}
