package dev.ironkube.http;

import java.time.Duration;
import java.util.Map;

/**
 * What one attempt of one call did, for the request log and request budgets. Safe to print: the
 * path's secret-looking query values and every credential header are already redacted.
 *
 * @param service the target ("Latitude.sh")
 * @param endpoint "METHOD path-template", the budget key
 * @param base the service's base URI as configured (scheme, host, port, base path), never userinfo
 * @param path the path and query actually requested, redacted
 * @param requestHeaders what was sent, redacted
 * @param status the HTTP status, or 0 when no response arrived
 * @param requestId the service's request id header when it sent one, else empty
 * @param attempt 1 for the first try
 * @param failure the failure class's simple name, empty on success
 */
public record RequestLogEntry(
    String service,
    String method,
    String endpoint,
    String base,
    String path,
    Map<String, String> requestHeaders,
    int status,
    Duration duration,
    String requestId,
    int attempt,
    String failure) {

  public boolean isRead() {
    return method.equals("GET") || method.equals("HEAD");
  }

  /** The URL requested, its secret-looking query values masked. */
  public String url() {
    return base + path;
  }

  /** One line for a verbose log: service, method, URL, status, time; never a header. */
  public String line() {
    String outcome = status == 0 ? "no response" : Integer.toString(status);
    String id = requestId.isEmpty() ? "" : " request-id=" + requestId;
    String retry = attempt > 1 ? " attempt=" + attempt : "";
    String failed = failure.isEmpty() ? "" : " " + failure;
    return "%s %s %s %s %dms%s%s%s"
        .formatted(service, method, url(), outcome, duration.toMillis(), id, retry, failed);
  }
}
