package dev.ironkube.sim.talos;

import com.google.protobuf.Empty;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.talos.api.proto.storage.Disk;
import dev.ironkube.talos.api.proto.storage.Disks;
import dev.ironkube.talos.api.proto.storage.DisksResponse;
import dev.ironkube.talos.api.proto.storage.StorageServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Locale;

/** storage.StorageService/Disks, served alike in maintenance and configured mode. */
final class StorageApi extends StorageServiceGrpc.StorageServiceImplBase {
  private final List<SimDisk> disks;

  StorageApi(List<SimDisk> disks) {
    this.disks = List.copyOf(disks);
  }

  @Override
  public void disks(Empty request, StreamObserver<DisksResponse> reply) {
    Disks.Builder node = Disks.newBuilder();
    for (SimDisk d : disks) {
      String name = d.path().replaceFirst("^/dev/", "");
      node.addDisks(
          Disk.newBuilder()
              .setDeviceName(d.path())
              .setName(name)
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
