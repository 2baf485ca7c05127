package dev.ironkube.sim.talos;

import dev.ironkube.sim.SimDisk;
import dev.ironkube.talos.api.proto.cosi.GetRequest;
import dev.ironkube.talos.api.proto.cosi.GetResponse;
import dev.ironkube.talos.api.proto.cosi.ListRequest;
import dev.ironkube.talos.api.proto.cosi.ListResponse;
import dev.ironkube.talos.api.proto.cosi.Metadata;
import dev.ironkube.talos.api.proto.cosi.Resource;
import dev.ironkube.talos.api.proto.cosi.Spec;
import dev.ironkube.talos.api.proto.cosi.StateGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The COSI reads a node serves (also in maintenance mode): the resources ironkube looks at, with
 * their spec rendered as YAML as the cosi runtime server does.
 */
final class CosiApi extends StateGrpc.StateImplBase {
  private static final String VERSIONS = "Versions.runtime.talos.dev";
  private static final String DISKS = "Disks.block.talos.dev";
  private static final String STATUSES = "MachineStatuses.runtime.talos.dev";
  private static final String STATIC_PODS = "StaticPodStatuses.kubernetes.talos.dev";

  private final String talosVersion;
  private final List<SimDisk> disks;
  private final Supplier<String> stage;
  private final Function<String, byte[]> machineConfig;
  private final Supplier<List<String>> staticPods;

  /**
   * @param stage the MachineStatuses stage now ("maintenance", "running", ...)
   */
  CosiApi(String talosVersion, List<SimDisk> disks, Supplier<String> stage) {
    this(talosVersion, disks, stage, id -> null, List::of);
  }

  /**
   * @param machineConfig the bytes of the MachineConfig of an id ({@link MachineConfigResource#ID},
   *     {@link MachineConfigResource#PERSISTENT_ID}), null when there is none
   * @param staticPods the ids of the node's StaticPodStatuses now ({@link StaticPods})
   */
  CosiApi(
      String talosVersion,
      List<SimDisk> disks,
      Supplier<String> stage,
      Function<String, byte[]> machineConfig,
      Supplier<List<String>> staticPods) {
    this.talosVersion = talosVersion;
    this.disks = List.copyOf(disks);
    this.stage = stage;
    this.machineConfig = machineConfig;
    this.staticPods = staticPods;
  }

  @Override
  public void get(GetRequest request, StreamObserver<GetResponse> reply) {
    for (Resource r : resources(request.getType())) {
      if (r.getMetadata().getNamespace().equals(request.getNamespace())
          && r.getMetadata().getId().equals(request.getId())) {
        reply.onNext(GetResponse.newBuilder().setResource(r).build());
        reply.onCompleted();
        return;
      }
    }
    reply.onError(
        Status.NOT_FOUND
            .withDescription(
                "resource "
                    + request.getType()
                    + "("
                    + request.getNamespace()
                    + "/"
                    + request.getId()
                    + "@undefined) doesn't exist")
            .asRuntimeException());
  }

  @Override
  public void list(ListRequest request, StreamObserver<ListResponse> reply) {
    for (Resource r : resources(request.getType())) {
      if (r.getMetadata().getNamespace().equals(request.getNamespace())) {
        reply.onNext(ListResponse.newBuilder().setResource(r).build());
      }
    }
    reply.onCompleted();
  }

  private List<Resource> resources(String type) {
    List<Resource> out = new ArrayList<>();
    switch (type) {
      case VERSIONS -> out.add(resource(type, "version", "version: " + talosVersion + "\n"));
      case STATUSES ->
          out.add(
              resource(
                  type,
                  "machine",
                  "stage: "
                      + stage.get()
                      + "\nstatus:\n    ready: true\n    unmetConditions: []\n"));
      case DISKS -> {
        for (SimDisk d : disks) {
          String id = d.path().replaceFirst("^/dev/", "");
          out.add(resource(type, id, diskSpec(d)));
        }
      }
      case MachineConfigResource.TYPE -> {
        for (String id : List.of(MachineConfigResource.PERSISTENT_ID, MachineConfigResource.ID)) {
          byte[] config = machineConfig.apply(id);
          if (config != null) {
            out.add(
                resource(
                    MachineConfigResource.NAMESPACE,
                    type,
                    id,
                    MachineConfigResource.yamlSpec(config)));
          }
        }
      }
      case STATIC_PODS -> {
        for (String id : staticPods.get()) {
          out.add(
              resource(type, id, "podStatus:\n    phase: Running\n").toBuilder()
                  .setMetadata(resource(type, id, "").getMetadata().toBuilder().setNamespace("k8s"))
                  .build());
        }
      }
      default -> {
        // Unknown types list as empty, as a real node does for a type it has no resources of.
      }
    }
    return out;
  }

  private static String diskSpec(SimDisk d) {
    String transport = d.type().equals("NVME") ? "nvme" : "sata";
    return "dev_path: "
        + d.path()
        + "\nsize: "
        + d.sizeBytes()
        + "\nmodel: "
        + d.model()
        + "\ntransport: "
        + transport
        + "\nrotational: "
        + d.type().equals("HDD")
        + "\nreadonly: false\ncdrom: false\n";
  }

  private static Resource resource(String type, String id, String yaml) {
    return resource("runtime", type, id, yaml);
  }

  private static Resource resource(String namespace, String type, String id, String yaml) {
    return Resource.newBuilder()
        .setMetadata(
            Metadata.newBuilder()
                .setNamespace(namespace)
                .setType(type)
                .setId(id)
                .setVersion("1")
                .setPhase("running"))
        .setSpec(Spec.newBuilder().setYamlSpec(yaml))
        .build();
  }
}
