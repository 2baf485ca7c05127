package dev.ironkube.talos.stage;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.net.Cidr;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator's public address as the node will see it (after NAT), asked of several echo services
 * in turn. An answer counts only when it is an IP literal: a captive portal's HTML or an error page
 * must never become a firewall rule.
 */
final class OperatorAddress {
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  private OperatorAddress() {}

  static String detectCidr(HttpClient http, List<URI> services) {
    List<String> tried = new ArrayList<>();
    for (URI service : services) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(service).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String body = r.body() == null ? "" : r.body().strip();
        if (r.statusCode() == 200 && LITERAL.matcher(body).matches()) {
          Optional<Cidr> host = Cidr.host(body);
          if (host.isPresent()) {
            return host.get().toString();
          }
          tried.add(service.getHost() + " gave no IP");
          continue;
        }
        tried.add(service.getHost() + " answered " + r.statusCode());
      } catch (UnknownHostException e) {
        tried.add(service.getHost() + " gave no IP");
      } catch (IOException e) {
        tried.add(service.getHost() + " unreachable");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new OperationFailedException(
        "could not detect your public IP address (" + String.join(", ", tried) + ")",
        "set IRONKUBE_OPERATOR_CIDRS (spec.access.operatorCidrs) to your public address, like"
            + " 203.0.113.7/32");
  }
}
