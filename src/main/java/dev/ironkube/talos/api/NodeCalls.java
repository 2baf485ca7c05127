package dev.ironkube.talos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.Empty;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.api.proto.common.Data;
import dev.ironkube.talos.api.proto.cosi.GetRequest;
import dev.ironkube.talos.api.proto.machine.EtcdMemberListRequest;
import dev.ironkube.talos.api.proto.machine.Version;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The read calls, each a single RPC turned into ironkube records. We dial nodes directly and send
 * no proxy metadata, so each reply holds exactly one element in {@code messages}.
 */
final class NodeCalls {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private NodeCalls() {}

  static NodeVersion version(TalosChannel channel, Polling polling) {
    try {
      var reply = channel.machine(polling).version(Empty.getDefaultInstance());
      for (Version v : reply.getMessagesList()) {
        return new NodeVersion(v.getVersion().getTag(), v.getPlatform().getName());
      }
      throw empty(channel, "Version");
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return versionFromResource(channel, polling);
      }
      throw TalosCallFailures.translate(channel.target(), "Version", e);
    }
  }

  private static NodeVersion versionFromResource(TalosChannel channel, Polling polling) {
    var request =
        GetRequest.newBuilder()
            .setNamespace("runtime")
            .setType("Versions.runtime.talos.dev")
            .setId("version")
            .build();
    try {
      String yaml = channel.cosi(polling).get(request).getResource().getSpec().getYamlSpec();
      JsonNode spec = YAML.readTree(yaml);
      String tag = spec == null ? "" : spec.path("version").asText("");
      if (tag.isEmpty()) {
        throw empty(channel, "COSI Get Versions.runtime.talos.dev");
      }
      return new NodeVersion(tag, "");
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "COSI Get Versions", e);
    } catch (IOException e) {
      throw new RemoteServiceException.Transient(
          "Talos API at " + channel.target(), "the Versions resource is not YAML", e);
    }
  }

  static List<DiskInfo> disks(TalosChannel channel, Polling polling) {
    try {
      var reply = channel.storage(polling).disks(Empty.getDefaultInstance());
      List<DiskInfo> out = new ArrayList<>();
      for (var node : reply.getMessagesList()) {
        for (var d : node.getDisksList()) {
          out.add(new DiskInfo(d.getDeviceName(), d.getSize(), d.getModel(), d.getType().name()));
        }
      }
      return List.copyOf(out);
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "Disks", e);
    }
  }

  static List<ServiceStatus> serviceList(TalosChannel channel, Polling polling) {
    try {
      var reply = channel.machine(polling).serviceList(Empty.getDefaultInstance());
      List<ServiceStatus> out = new ArrayList<>();
      for (var node : reply.getMessagesList()) {
        for (var s : node.getServicesList()) {
          var h = s.getHealth();
          out.add(
              new ServiceStatus(
                  s.getId(), s.getState(), h.getHealthy(), h.getUnknown(), h.getLastMessage()));
        }
      }
      return List.copyOf(out);
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "ServiceList", e);
    }
  }

  static List<EtcdMemberInfo> etcdMembers(TalosChannel channel, Polling polling) {
    try {
      var reply =
          channel.machine(polling).etcdMemberList(EtcdMemberListRequest.getDefaultInstance());
      List<EtcdMemberInfo> out = new ArrayList<>();
      for (var node : reply.getMessagesList()) {
        for (var m : node.getMembersList()) {
          out.add(
              new EtcdMemberInfo(
                  m.getId(),
                  m.getHostname(),
                  List.copyOf(m.getPeerUrlsList()),
                  List.copyOf(m.getClientUrlsList()),
                  m.getIsLearner()));
        }
      }
      return List.copyOf(out);
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "EtcdMemberList", e);
    }
  }

  static byte[] kubeconfig(TalosChannel channel, Polling polling) {
    ByteArrayOutputStream gathered = new ByteArrayOutputStream();
    try {
      Iterator<Data> stream = channel.machine(polling).kubeconfig(Empty.getDefaultInstance());
      while (stream.hasNext()) {
        Data chunk = stream.next();
        if (!chunk.getMetadata().getError().isEmpty()) {
          throw new RemoteServiceException.Rejected(
              "Talos API at " + channel.target(),
              "Kubeconfig failed: " + chunk.getMetadata().getError(),
              "");
        }
        chunk.getBytes().writeTo(gathered);
      }
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "Kubeconfig", e);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    try {
      return KubeconfigArchive.extract(gathered.toByteArray())
          .orElseThrow(() -> empty(channel, "Kubeconfig (no 'kubeconfig' file in the archive)"));
    } catch (KubeconfigArchive.Malformed e) {
      throw new RemoteServiceException.Transient(
          "Talos API at " + channel.target(),
          "the Kubeconfig payload cannot be read: " + e.getMessage(),
          e);
    }
  }

  private static RemoteServiceException empty(TalosChannel channel, String call) {
    return new RemoteServiceException.Transient(
        "Talos API at " + channel.target(), call + " returned nothing usable", null);
  }
}
