package dev.ironkube.http;

import dev.ironkube.failure.RemoteServiceException;

/**
 * Turns a non-2xx response into a typed failure. Each service supplies its own, because error
 * bodies differ; the class comes from {@link FailureKind#of(int)} unless the body says more, and
 * the transport retries by that class, never by its text.
 */
@FunctionalInterface
public interface ErrorDecoder {

  /**
   * @param request the call that failed, for naming it in the message
   * @param response the non-2xx response
   */
  RemoteServiceException decode(ApiRequest request, ApiResponse response);

  /** The message every service's failure starts with: who answered which call with what. */
  static String answered(String service, ApiRequest request, int status, String detail) {
    return "%s answered %s with HTTP %d%s"
        .formatted(service, request.endpoint(), status, detail.isEmpty() ? "" : ": " + detail);
  }
}
