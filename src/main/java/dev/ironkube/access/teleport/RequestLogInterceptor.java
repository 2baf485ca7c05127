package dev.ironkube.access.teleport;

import dev.ironkube.http.RequestLogEntry;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gives every Teleport gRPC call to the run's request log, as the REST clients do: a gRPC call is
 * an HTTP/2 POST to {@code /package.Service/Method} on the proxy. Only the method's name, the
 * status and the time are recorded; messages (which carry join tokens) and metadata never are.
 */
final class RequestLogInterceptor implements ClientInterceptor {
  static final String SERVICE = "Teleport";

  private final String proxy;
  private final Consumer<RequestLogEntry> log;
  private final Clock clock;

  RequestLogInterceptor(String proxy, Consumer<RequestLogEntry> log, Clock clock) {
    this.proxy = proxy;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    String path = "/" + method.getFullMethodName();
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        Instant started = clock.instant();
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                log.accept(entry(path, status, Duration.between(started, clock.instant())));
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }

  private RequestLogEntry entry(String path, Status status, Duration took) {
    // An UNAVAILABLE call may never have reached the proxy; any other status came back in an
    // HTTP 200 answer's trailers, as gRPC over HTTP/2 sends them.
    int http = status.getCode() == Status.Code.UNAVAILABLE ? 0 : 200;
    String failure = status.isOk() ? "" : "grpc-status=" + status.getCode();
    return new RequestLogEntry(
        SERVICE,
        "POST",
        "POST " + path,
        "https://" + proxy,
        path,
        Map.of(),
        http,
        took,
        "",
        1,
        failure);
  }
}
