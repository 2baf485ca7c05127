package dev.ironkube.sim.talos;

import com.google.protobuf.Empty;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.talos.api.proto.storage.Disk;
import dev.ironkube.talos.api.proto.storage.Disks;
import dev.ironkube.talos.api.proto.storage.DisksResponse;
import dev.ironkube.talos.api.proto.storage.StorageServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * storage.StorageService/Disks, served alike in maintenance and configured mode, as
 * siderolabs/talos@v1.13.9 internal/app/storaged/server.go does (same in v1.11.6 and v1.12.11):
 * disks in resource-id order, {@code device_name} = /dev/id, the {@code name} field left unset.
 */
final class StorageApi extends StorageServiceGrpc.StorageServiceImplBase {
  private final List<SimDisk> disks;

  StorageApi(List<SimDisk> disks) {
    // safe.StateListAll answers resources sorted by id: nvme0n1 before sda.
    this.disks = disks.stream().sorted(Comparator.comparing(SimDisk::path)).toList();
  }

  @Override
  public void disks(Empty request, StreamObserver<DisksResponse> reply) {
    Disks.Builder node = Disks.newBuilder();
    for (SimDisk d : disks) {
      String name = d.path().replaceFirst("^/dev/", "");
      node.addDisks(
          Disk.newBuilder()
              .setDeviceName(d.path())
              .setSize(d.sizeBytes())
              .setModel(d.model())
              .setSerial("SIM-" + name.toUpperCase(Locale.ROOT))
              .setType(type(d.type()))
              .setSubsystem(d.type().equals("NVME") ? "/sys/class/nvme" : "/sys/class/block"));
    }
    reply.onNext(DisksResponse.newBuilder().addMessages(node).build());
    reply.onCompleted();
  }

  static Disk.DiskType type(String type) {
    try {
      return Disk.DiskType.valueOf(type);
    } catch (IllegalArgumentException e) {
      return Disk.DiskType.UNKNOWN;
    }
  }
}
