package dev.ironkube.talos.factory;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.ErrorDecoder;
import dev.ironkube.http.FailureKind;
import dev.ironkube.http.RetryAfter;

/** The factory answers errors as short plain text; the status alone decides the class. */
final class ImageFactoryErrorDecoder implements ErrorDecoder {
  static final String SERVICE = "Talos Image Factory";
  private static final int MAX_DETAIL = 300;

  @Override
  public RemoteServiceException decode(ApiRequest request, ApiResponse response) {
    String detail = response.bodyText().strip();
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL) + "…";
    }
    FailureKind kind = FailureKind.of(response.status());
    String hint =
        switch (kind) {
          case UNAUTHORIZED -> "the public factory needs no credentials; check the factory URL";
          case REJECTED, CONFLICT ->
              "check the schematic's extension names against the Talos version";
          default -> "";
        };
    return kind.failure(
        SERVICE,
        ErrorDecoder.answered(SERVICE, request, response.status(), detail),
        hint,
        RetryAfter.of(response).orElse(null));
  }
}
