package dev.ironkube.talos.api;

import dev.ironkube.talos.api.proto.cosi.ListRequest;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** COSI lists: the ids of a resource type's resources on the node dialled. */
final class ResourceCalls {
  private ResourceCalls() {}

  static List<String> ids(TalosChannel channel, Polling polling, String namespace, String type) {
    try {
      Iterator<dev.ironkube.talos.api.proto.cosi.ListResponse> stream =
          channel
              .cosi(polling)
              .list(ListRequest.newBuilder().setNamespace(namespace).setType(type).build());
      List<String> ids = new ArrayList<>();
      stream.forEachRemaining(r -> ids.add(r.getResource().getMetadata().getId()));
      return List.copyOf(ids);
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "COSI List " + type, e);
    }
  }
}
