package dev.ironkube.http;

import dev.ironkube.failure.ProviderException;

/**
 * Turns a non-2xx response into a typed failure. Each service supplies its own, because error
 * bodies differ; the transport retries by the class of what comes back, never by its text.
 */
@FunctionalInterface
public interface ErrorDecoder {

  /**
   * @param request the call that failed, for naming it in the message
   * @param response the non-2xx response
   */
  ProviderException decode(ApiRequest request, ApiResponse response);
}
