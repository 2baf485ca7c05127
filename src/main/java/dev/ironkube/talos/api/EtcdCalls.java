package dev.ironkube.talos.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.api.proto.common.Data;
import dev.ironkube.talos.api.proto.machine.EtcdRecoverResponse;
import dev.ironkube.talos.api.proto.machine.EtcdSnapshotRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The etcd calls of the machine API that back up, restore and check a cluster (siderolabs/talos
 * v1.11.6 {@code internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go}: EtcdStatus,
 * EtcdSnapshot, EtcdRecover). Each is answered by the node dialled; we send no proxy metadata.
 */
final class EtcdCalls {
  /** What one EtcdRecover message carries; upstream's talosctl streams the file in chunks too. */
  private static final int UPLOAD_CHUNK = 64 * 1024;

  private EtcdCalls() {}

  static EtcdStatusInfo status(TalosChannel channel, Polling polling) {
    try {
      var reply = channel.machine(polling).etcdStatus(Empty.getDefaultInstance());
      for (var m : reply.getMessagesList()) {
        var s = m.getMemberStatus();
        return new EtcdStatusInfo(
            s.getMemberId(),
            s.getProtocolVersion(),
            s.getDbSize(),
            s.getLeader(),
            s.getRaftIndex(),
            s.getErrorsList(),
            s.getIsLearner());
      }
      throw new RemoteServiceException.Transient(
          "Talos API at " + channel.target(), "EtcdStatus returned nothing usable", null);
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "EtcdStatus", e);
    }
  }

  /**
   * Streams the snapshot into {@code out} and returns its size. Upstream sends the etcd client's
   * Snapshot reader in chunks of common.Data without metadata; an error ends the gRPC stream.
   */
  static long snapshot(TalosChannel channel, Polling polling, Duration deadline, OutputStream out) {
    long size = 0;
    try {
      Iterator<Data> stream =
          channel
              .machine(polling.withCallTimeout(deadline))
              .etcdSnapshot(EtcdSnapshotRequest.getDefaultInstance());
      while (stream.hasNext()) {
        Data chunk = stream.next();
        if (!chunk.getMetadata().getError().isEmpty()) {
          throw new RemoteServiceException.Rejected(
              "Talos API at " + channel.target(),
              "EtcdSnapshot failed: " + chunk.getMetadata().getError(),
              "");
        }
        chunk.getBytes().writeTo(out);
        size += chunk.getBytes().size();
      }
      return size;
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "EtcdSnapshot", e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the snapshot failed", e);
    }
  }

  /** Uploads a snapshot for a later Bootstrap with recover_etcd (client stream, one answer). */
  static void recover(TalosChannel channel, Duration deadline, InputStream snapshot) {
    CompletableFuture<EtcdRecoverResponse> done = new CompletableFuture<>();
    StreamObserver<Data> upload =
        channel
            .machineAsync(deadline)
            .etcdRecover(
                new StreamObserver<>() {
                  @Override
                  public void onNext(EtcdRecoverResponse value) {
                    done.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    done.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    done.complete(EtcdRecoverResponse.getDefaultInstance());
                  }
                });
    try {
      byte[] buffer = new byte[UPLOAD_CHUNK];
      for (int n; (n = snapshot.read(buffer)) > 0; ) {
        if (done.isDone()) {
          break; // the node refused already; its answer says why
        }
        upload.onNext(Data.newBuilder().setBytes(ByteString.copyFrom(buffer, 0, n)).build());
      }
      upload.onCompleted();
    } catch (IOException e) {
      upload.onError(e);
      throw new UncheckedIOException("reading the snapshot failed", e);
    }
    try {
      done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException s) {
        throw TalosCallFailures.translate(channel.target(), "EtcdRecover", s);
      }
      throw new RemoteServiceException.Transient(
          "Talos API at " + channel.target(), "EtcdRecover failed", e.getCause());
    } catch (TimeoutException e) {
      throw new RemoteServiceException.Transient(
          "Talos API at " + channel.target(), "EtcdRecover got no answer in " + deadline, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteServiceException.Transient(
          "Talos API at " + channel.target(), "EtcdRecover interrupted", e);
    }
  }
}
