package dev.ironkube.dns.cloudflare;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.ErrorDecoder;
import dev.ironkube.http.FailureKind;
import dev.ironkube.http.RetryAfter;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Classifies Cloudflare's {@code {"success":false,"errors":[{code,message}]}} answers. Codes decide
 * where the status alone is ambiguous: Cloudflare answers a missing or malformed auth header with
 * 400, and a duplicate record with 400 too.
 */
final class CloudflareErrorDecoder implements ErrorDecoder {
  static final String SERVICE = "Cloudflare";
  static final String TOKEN_HINT =
      "check CLOUDFLARE_API_TOKEN: it must be an API token (not the global key) with"
          + " Zone > DNS > Edit on the zone CLOUDFLARE_ZONE_ID";

  /** 81057 (before 2024) and 81058 (recorded 2025): an identical record exists already. */
  static final Set<Integer> DUPLICATE = Set.of(81057, 81058);

  /** An A record cannot share its name with a CNAME: 81053 (older), 81054 (2024+). */
  private static final Set<Integer> CNAME_CLASH = Set.of(81053, 81054);

  /** 10000 authentication error; 9106 missing auth headers; 6003/6102/6103 malformed ones. */
  private static final Set<Integer> AUTH = Set.of(10000, 9106, 9109, 6003, 6102, 6103, 6111);

  private final ObjectMapper mapper;

  CloudflareErrorDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public RemoteServiceException decode(ApiRequest request, ApiResponse response) {
    List<CfMessage> errors = parse(response);
    int status = response.status();
    String detail =
        String.join("; ", errors.stream().map(CfMessage::text).filter(s -> !s.isEmpty()).toList());
    String message = ErrorDecoder.answered(SERVICE, request, status, detail);
    FailureKind kind = kind(status, errors);
    if (kind == FailureKind.UNAUTHORIZED) {
      message = SERVICE + " refused the API token for " + request.endpoint() + suffix(detail);
    }
    String hint =
        switch (kind) {
          case UNAUTHORIZED -> TOKEN_HINT;
          case CONFLICT ->
              has(errors, DUPLICATE)
                  ? "the record exists already; read it again instead of creating it"
                  : "";
          case REJECTED ->
              has(errors, CNAME_CLASH)
                  ? "a CNAME holds this name; remove it in the Cloudflare dashboard"
                  : "";
          default -> "";
        };
    return kind.failure(SERVICE, message, hint, RetryAfter.of(response).orElse(null));
  }

  /**
   * Auth codes mean unauthorized whatever the status; a duplicate or CNAME clash code decides a 4xx
   * that is neither rate limiting nor a server fault.
   */
  private static FailureKind kind(int status, List<CfMessage> errors) {
    FailureKind byStatus = FailureKind.of(status);
    if (has(errors, AUTH)) {
      return FailureKind.UNAUTHORIZED;
    }
    if (byStatus == FailureKind.RATE_LIMITED || byStatus == FailureKind.TRANSIENT) {
      return byStatus;
    }
    if (has(errors, DUPLICATE)) {
      return FailureKind.CONFLICT;
    }
    return has(errors, CNAME_CLASH) ? FailureKind.REJECTED : byStatus;
  }

  private static boolean has(List<CfMessage> errors, Set<Integer> codes) {
    return errors.stream().anyMatch(e -> codes.contains(e.codeOrZero()));
  }

  private static String suffix(String detail) {
    return detail.isEmpty() ? "" : ": " + detail;
  }

  private List<CfMessage> parse(ApiResponse response) {
    if (!response.hasBody()) {
      return List.of();
    }
    try {
      CfEnvelope<Object> envelope =
          mapper.readValue(response.body(), new TypeReference<CfEnvelope<Object>>() {});
      return envelope.errorList();
    } catch (IOException e) {
      // An HTML error page from the edge; the status says enough.
      return List.of();
    }
  }
}
