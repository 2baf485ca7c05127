package dev.ironkube.platform;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Downloads a pinned manifest over HTTPS; the URL carries the version tag, so it never drifts. */
public final class HttpManifestSource implements ManifestSource {
  private final HttpClient http;

  public HttpManifestSource(HttpClient http) {
    this.http = http;
  }

  public static HttpManifestSource create() {
    return new HttpManifestSource(
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build());
  }

  @Override
  public String fetch(URI url) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new OperationFailedException(
            "downloading " + url + " answered HTTP " + response.statusCode(),
            "check the pinned version exists, or pass a local copy of the manifest");
      }
      return response.body();
    } catch (IOException e) {
      throw new OperationFailedException(
          "cannot download " + url + ": " + why(e),
          "check this machine's internet access, or pass a local copy of the manifest",
          ExitCodes.REMOTE_FAILURE,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while downloading " + url, "run again");
    }
  }

  /**
   * The JDK client's connection failures often carry no message (a refused connection is a bare
   * ConnectException): name the failure rather than print "null".
   */
  static String why(IOException e) {
    String message = e.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !cause.getMessage().isBlank()) {
      return cause.getMessage();
    }
    return switch (e) {
      case ConnectException c -> "the connection was refused or the host is unreachable";
      case HttpTimeoutException t -> "no answer in time";
      default -> e.getClass().getSimpleName();
    };
  }
}
