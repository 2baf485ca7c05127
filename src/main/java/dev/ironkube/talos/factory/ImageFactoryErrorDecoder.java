package dev.ironkube.talos.factory;

import dev.ironkube.failure.ProviderException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.ErrorDecoder;
import java.time.Duration;
import java.util.Optional;

/** The factory answers errors as short plain text; the status decides the class. */
final class ImageFactoryErrorDecoder implements ErrorDecoder {
  static final String SERVICE = "Talos Image Factory";
  private static final int MAX_DETAIL = 300;

  @Override
  public ProviderException decode(ApiRequest request, ApiResponse response) {
    String detail = response.bodyText().strip();
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL) + "…";
    }
    String message =
        "%s answered %s with HTTP %d%s"
            .formatted(
                SERVICE,
                request.endpoint(),
                response.status(),
                detail.isEmpty() ? "" : ": " + detail);
    int status = response.status();
    if (status == 404) {
      return new ProviderException.NotFound(SERVICE, message);
    }
    if (status == 429) {
      Duration after =
          response.header("Retry-After").flatMap(ImageFactoryErrorDecoder::seconds).orElse(null);
      return new ProviderException.RateLimited(SERVICE, message, after);
    }
    if (status >= 500) {
      return new ProviderException.Transient(SERVICE, message, null);
    }
    if (status == 401 || status == 403) {
      return new ProviderException.Unauthorized(
          SERVICE, message, "the public factory needs no credentials; check the factory URL");
    }
    return new ProviderException.Rejected(
        SERVICE, message, "check the schematic's extension names against the Talos version");
  }

  private static Optional<Duration> seconds(String text) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(text.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
