package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.talos.api.proto.storage.Disk;
import dev.ironkube.talos.api.proto.storage.DisksResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * storage.StorageService/Disks as upstream serves it: siderolabs/talos@v1.11.6, v1.12.11 and
 * v1.13.9 {@code internal/app/storaged/server.go} {@code Disks()}. The reply is one {@code Disks}
 * message; each disk's {@code device_name} is {@code filepath.Join("/dev", id)}; the {@code name}
 * field is never set; the disks come in {@code safe.StateListAll} order, i.e. sorted by resource
 * id, so {@code nvme0n1} before {@code sda}.
 */
class StorageApiTest {

  @Test
  void disksAreOneMessageSortedByIdWithDevicePathsAndNoName() {
    List<DisksResponse> replies = new ArrayList<>();
    new StorageApi(SimDisk.typical()).disks(Empty.getDefaultInstance(), collect(replies));

    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).getMessagesList()).hasSize(1);
    List<Disk> disks = replies.get(0).getMessages(0).getDisksList();
    assertThat(disks).extracting(Disk::getDeviceName).containsExactly("/dev/nvme0n1", "/dev/sda");
    assertThat(disks).extracting(Disk::getName).containsOnly("");
    assertThat(disks)
        .extracting(Disk::getType)
        .containsExactly(Disk.DiskType.NVME, Disk.DiskType.SSD);
    // Maintenance mode: no SystemDisk resource yet, so no disk is flagged.
    assertThat(disks).extracting(Disk::getSystemDisk).containsOnly(false);
  }

  private static StreamObserver<DisksResponse> collect(List<DisksResponse> into) {
    return new StreamObserver<>() {
      @Override
      public void onNext(DisksResponse value) {
        into.add(value);
      }

      @Override
      public void onError(Throwable t) {
        throw new AssertionError(t);
      }

      @Override
      public void onCompleted() {}
    };
  }
}
